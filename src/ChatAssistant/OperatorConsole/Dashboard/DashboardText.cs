using System.Globalization;
using ChatAssistant.Dialogs;
using ChatAssistant.Reminders;
using ChatAssistant.Shared;

namespace ChatAssistant.OperatorConsole.Dashboard;

/// <summary>
/// Numbers, dates and names as Indonesian operators read them (1.234; 37,5%; 3 Des), written without the machine's
/// culture so a server without Indonesian culture data shows the same.
/// </summary>
internal static class DashboardText
{
    private static readonly NumberFormatInfo Indonesian = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", PercentGroupSeparator = ".", PercentDecimalSeparator = "," };

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

    public static string Number(int value) => value.ToString("#,0", Indonesian);

    /// <summary>A share as a percentage with one decimal (37,5%); a dash when there is nothing to share.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "-" : ((double)part / whole).ToString("0.#%", Indonesian);

    public static string Month(DateOnly day) => Months[day.Month - 1];

    /// <summary>3 Des.</summary>
    public static string Day(DateOnly day) => day.Day.ToString(CultureInfo.InvariantCulture) + " " + Month(day);

    /// <summary>3 Des 2026.</summary>
    public static string Date(DateOnly day) => Day(day) + " " + day.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>A time in WIB as operators read it: 3 Des 2026 09.30 WIB.</summary>
    public static string Time(DateTimeOffset time)
    {
        var wib = time.ToOffset(Wib.Offset);
        return Date(DateOnly.FromDateTime(wib.DateTime)) + " " + wib.ToString("HH.mm", CultureInfo.InvariantCulture) + " WIB";
    }

    /// <summary>The start of a text on one line, for a list: at most <paramref name="length"/> characters, an ellipsis where it was cut.</summary>
    public static string Excerpt(string text, int length = 120)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= length ? line : line[..(length - 1)].TrimEnd() + "…";
    }

    public static string Channel(string channel) => channel switch
    {
        ChannelNames.Telegram => "Telegram",
        ChannelNames.WhatsApp => "WhatsApp",
        ChannelNames.Console => "Terminal (chat lokal)",
        _ => channel,
    };

    public static string Language(string language) => language switch
    {
        Languages.Indonesian => "Bahasa Indonesia",
        Languages.English => "English",
        _ => language,
    };

    /// <summary>A reminder kind as operators read it, in Bahasa Indonesia (its stored name beside it on the page).</summary>
    public static string Reminder(ReminderKind kind) => kind switch
    {
        ReminderKind.TrainingIn3Days => "Pelatihan, 3 hari sebelumnya",
        ReminderKind.TrainingIn1Day => "Pelatihan, 1 hari sebelumnya",
        ReminderKind.TrainingFollowUp => "Pelatihan, tanya kesan sesudahnya",
        ReminderKind.Deadline => "Batas pendaftaran program",
        ReminderKind.Unfinished => "Dialog yang belum selesai",
        ReminderKind.ExportRecheck => "Cek kesiapan ekspor lagi",
        _ => kind.Name(),
    };
}
