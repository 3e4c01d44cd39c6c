using System.Globalization;
using System.Text;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Training;

/// <summary>
/// The training list as owners read it before choosing: one line per programme with its dates, online or offline
/// and place, and the registration deadline; and the programmes open now that do not fit the owner, each with why.
/// </summary>
internal static class TrainingRows
{
    public static string? Profile(UserSession session, string key) =>
        session.Profile.TryGetValue(key, out var value) && value.Text is { Length: > 0 } text ? text : null;

    /// <summary>"1. Bimtek … — 18–22 Jan 2027, offline, BDI Denpasar, Bali; daftar s.d. 8 Jan 2027".</summary>
    public static string Fitting(IEnumerable<TrainingProgram> programs, string language, bool sample)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var program in programs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{++number}. {Row(program, language)}\n");
        }

        if (sample)
        {
            text.Append(language == Languages.English
                ? "(Sample catalogue: these programmes are examples until the operator publishes real ones.)"
                : "(Katalog contoh: program ini masih contoh sampai operator memasang program yang sebenarnya.)");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>"• e-Smart IKM …: hanya untuk usaha mikro, kecil" — or a line saying there are none.</summary>
    public static string NotFitting(IEnumerable<(TrainingProgram Program, string Problem)> programs, string language)
    {
        var english = language == Languages.English;
        var text = new StringBuilder();
        foreach (var (program, problem) in programs)
        {
            var why = problem switch
            {
                "sector" => (english ? "only for " : "hanya untuk bidang ") + string.Join(", ", program.Sectors.Select(s => Sector(s, english))),
                "province" => (english ? "only for businesses in " : "hanya untuk usaha di ") + string.Join(", ", program.Provinces),
                _ => (english ? "only for " : "hanya untuk usaha ") + string.Join(", ", program.Scales.Select(s => Scale(s, english))),
            };
            text.Append(CultureInfo.InvariantCulture, $"• {program.Title.Plain(language)}: {why}\n");
        }

        return text.Length == 0
            ? (english ? "No other programme is open now." : "Tidak ada pelatihan lain yang sedang dibuka.")
            : text.ToString().TrimEnd();
    }

    private static string Row(TrainingProgram program, string language)
    {
        var english = language == Languages.English;
        var culture = Languages.Culture(language);
        var dates = program.Start == program.End
            ? program.Start.ToString("d MMM yyyy", culture)
            : $"{program.Start.ToString("d MMM", culture)}–{program.End.ToString("d MMM yyyy", culture)}";
        var mode = program.Mode switch
        {
            TrainingMode.Offline => english ? "in person" : "tatap muka (offline)",
            TrainingMode.Hybrid => english ? "hybrid (online and in person)" : "hybrid (online dan tatap muka)",
            _ => "online",
        };
        var deadline = program.Deadline.ToString("d MMM yyyy", culture);
        return english
            ? $"{program.Title.Plain(language)} — {dates}, {mode}, {program.Location}; register by {deadline}"
            : $"{program.Title.Plain(language)} — {dates}, {mode}, {program.Location}; daftar s.d. {deadline}";
    }

    private static string Sector(string value, bool english) => value switch
    {
        "food" => english ? "food & drink" : "makanan & minuman",
        "craft" => english ? "crafts" : "kerajinan",
        "fashion" => english ? "fashion" : "fesyen",
        "agriculture" => english ? "farming & fishing" : "pertanian/perikanan",
        "trade" => english ? "trade" : "perdagangan",
        "services" => english ? "services" : "jasa",
        _ => english ? "other" : "lainnya",
    };

    private static string Scale(string value, bool english) => value switch
    {
        "micro" => english ? "micro" : "mikro",
        "small" => english ? "small" : "kecil",
        "medium" => english ? "medium" : "menengah",
        _ => english ? "large" : "besar",
    };
}
