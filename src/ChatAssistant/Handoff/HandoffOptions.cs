using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Handoff;

/// <summary>Handing conversations to people (section <c>Handoff</c>): off unless enabled; working hours in WIB.</summary>
internal sealed class HandoffOptions
{
    public const string Section = "Handoff";

    /// <summary>Whether owners can ask for a person (/petugas) and are offered one; someone must answer in the console.</summary>
    public bool Enabled { get; set; }

    /// <summary>The days someone answers (default Monday to Friday).</summary>
    [MinLength(1)]
    public List<DayOfWeek> WorkingDays { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>When answering starts on a working day, WIB.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan OpensAt { get; set; } = TimeSpan.FromHours(8);

    /// <summary>When answering ends on a working day, WIB; after <see cref="OpensAt"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "23:59:59")]
    public TimeSpan ClosesAt { get; set; } = TimeSpan.FromHours(16);

    /// <summary>An open request no operator has answered for this long is marked in the console's inbox.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UnansweredAfter { get; set; } = TimeSpan.FromMinutes(30);

    public WorkingHours WorkingHours => new(WorkingDays, OpensAt, ClosesAt);
}
