namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// An Indonesian province: BPS code, official name and time-zone label ("WIB", "WITA" or "WIT"), which is how
/// owners and offices state opening hours and deadlines.
/// </summary>
internal sealed record Province(string Code, string Name, string TimeZone);
