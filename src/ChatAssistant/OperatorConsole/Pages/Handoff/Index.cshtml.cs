using ChatAssistant.Handoff;
using ChatAssistant.OperatorConsole.Handoff;

namespace ChatAssistant.OperatorConsole.Pages.Handoff;

/// <summary>The open requests for a person, oldest first, with who has each; those nobody has answered for too long stand out.</summary>
internal sealed class HandoffInboxModel(HandoffConsole handoff) : ConsolePageModel
{
    public bool Enabled => handoff.Enabled;

    public TimeSpan UnansweredAfter => handoff.UnansweredAfter;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<HandoffInboxItem> Items { get; private set; } = [];

    public void OnGet()
    {
        Now = handoff.Now;
        Items = handoff.Inbox();
    }

    public bool IsUnanswered(HandoffInboxItem item) => item.IsUnanswered(Now, UnansweredAfter);

    /// <summary>"12 menit", "3 jam 5 menit", "2 hari 1 jam": how long the owner has waited.</summary>
    public static string Waited(TimeSpan waited) =>
        waited.TotalDays >= 1 ? $"{(int)waited.TotalDays} hari {waited.Hours} jam"
        : waited.TotalHours >= 1 ? $"{(int)waited.TotalHours} jam {waited.Minutes} menit"
        : $"{Math.Max(0, (int)waited.TotalMinutes)} menit";
}
