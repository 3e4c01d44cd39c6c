using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Reminders;

/// <summary>Reminders and follow-ups (section <c>Reminders</c>). Their wording is in reminders.yaml, beside the dialogs; quiet hours are the announcements' (<c>Broadcasts:QuietHoursStart</c>/<c>End</c>).</summary>
internal sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>The file of reminder texts, by default <c>data/reminders.yaml</c> in the dialogs folder.</summary>
    public const string DefaultFile = "data/reminders.yaml";

    /// <summary>Off: nothing is planned or sent (what was scheduled waits, and goes when they are on again).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The reminder texts; empty for <see cref="DefaultFile"/> in <c>Dialogs:Path</c>.</summary>
    public string? TextsPath { get; set; }

    /// <summary>How often new things to remind of are looked for (registrations, stopped dialogs, checks).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PlanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often due reminders are queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The time of day (WIB) dated reminders are due: a training's, a deadline's, a follow-up's.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan SendAt { get; set; } = TimeSpan.FromHours(9);

    /// <summary>How long after an owner stopped mid-dialog the one nudge goes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan UnfinishedAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long after an export-readiness check the invitation to check again goes.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan ExportRecheckAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A reminder this late (the worker was down) is no longer sent: a nudge or invitation days late reads oddly.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Reminders queued per channel per round, at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}
