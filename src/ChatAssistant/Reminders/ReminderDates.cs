using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Reminders;

/// <summary>Dated reminders' times and how their dates read.</summary>
internal static class ReminderDates
{
    /// <summary><paramref name="date"/> at <paramref name="timeOfDay"/> where the offset is <paramref name="utcOffset"/>, in Unix ms.</summary>
    public static long At(DateOnly date, TimeSpan timeOfDay, TimeSpan utcOffset) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay)), utcOffset).ToUnixTimeMilliseconds();

    /// <summary>"8 Desember 2026" / "8 December 2026", as the dialogs show a date.</summary>
    public static string Format(DateOnly date, string language) =>
        DialogValue.FromDate(date).Display(Languages.IsKnown(language) ? language : Languages.Indonesian);
}
