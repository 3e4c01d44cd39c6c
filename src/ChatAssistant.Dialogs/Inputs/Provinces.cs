using System.Collections.Frozen;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// The 38 provinces with BPS codes. Owners answer "which province?" with a code, the official name or a
/// colloquial short form ("Jabar", "Jogja", "NTT"); all of them are recognised.
/// Note: NIKs carry Dukcapil codes, which differ from these in Papua (91-97), so do not look a NIK prefix up here.
/// </summary>
internal static class Provinces
{
    private const string Wib = "WIB";
    private const string Wita = "WITA";
    private const string Wit = "WIT";
    // Longer than any name or alias once spaces and punctuation are dropped, with room for a "Provinsi" prefix.
    private const int MaxKeyLength = 64;

    public static IReadOnlyList<Province> All { get; } =
    [
        new("11", "Aceh", Wib),
        new("12", "Sumatera Utara", Wib),
        new("13", "Sumatera Barat", Wib),
        new("14", "Riau", Wib),
        new("15", "Jambi", Wib),
        new("16", "Sumatera Selatan", Wib),
        new("17", "Bengkulu", Wib),
        new("18", "Lampung", Wib),
        new("19", "Kepulauan Bangka Belitung", Wib),
        new("21", "Kepulauan Riau", Wib),
        new("31", "DKI Jakarta", Wib),
        new("32", "Jawa Barat", Wib),
        new("33", "Jawa Tengah", Wib),
        new("34", "DI Yogyakarta", Wib),
        new("35", "Jawa Timur", Wib),
        new("36", "Banten", Wib),
        new("51", "Bali", Wita),
        new("52", "Nusa Tenggara Barat", Wita),
        new("53", "Nusa Tenggara Timur", Wita),
        new("61", "Kalimantan Barat", Wib),
        new("62", "Kalimantan Tengah", Wib),
        new("63", "Kalimantan Selatan", Wita),
        new("64", "Kalimantan Timur", Wita),
        new("65", "Kalimantan Utara", Wita),
        new("71", "Sulawesi Utara", Wita),
        new("72", "Sulawesi Tengah", Wita),
        new("73", "Sulawesi Selatan", Wita),
        new("74", "Sulawesi Tenggara", Wita),
        new("75", "Gorontalo", Wita),
        new("76", "Sulawesi Barat", Wita),
        new("81", "Maluku", Wit),
        new("82", "Maluku Utara", Wit),
        new("91", "Papua Barat", Wit),
        new("92", "Papua Barat Daya", Wit),
        new("94", "Papua", Wit),
        new("95", "Papua Selatan", Wit),
        new("96", "Papua Tengah", Wit),
        new("97", "Papua Pegunungan", Wit),
    ];

    // Short forms owners and operators write; declared before the lookups built from them.
    private static readonly (string Alias, string Code)[] Aliases =
    [
        ("NAD", "11"), ("Nanggroe Aceh Darussalam", "11"),
        ("Sumut", "12"), ("Sumbar", "13"), ("Sumsel", "16"),
        ("Babel", "19"), ("Bangka Belitung", "19"), ("Kep. Bangka Belitung", "19"),
        ("Kepri", "21"), ("Kep. Riau", "21"),
        ("Jakarta", "31"), ("DKI", "31"),
        ("Jabar", "32"), ("Jateng", "33"), ("Jatim", "35"),
        ("Jogja", "34"), ("Jogjakarta", "34"), ("Yogya", "34"), ("Yogyakarta", "34"), ("DIY", "34"),
        ("Daerah Istimewa Yogyakarta", "34"),
        ("NTB", "52"), ("NTT", "53"),
        ("Kalbar", "61"), ("Kalteng", "62"), ("Kalsel", "63"), ("Kaltim", "64"), ("Kaltara", "65"),
        ("Sulut", "71"), ("Sulteng", "72"), ("Sulsel", "73"), ("Sultra", "74"), ("Sulbar", "76"),
        ("Malut", "82"),
    ];

    private static readonly FrozenDictionary<string, Province> ByCode =
        All.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);

    // Keys are normalised (lower-case letters and digits only); the span lookup avoids allocating per query.
    private static readonly FrozenDictionary<string, Province>.AlternateLookup<ReadOnlySpan<char>> ByKey =
        BuildKeys().GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every name in use for a province (official names, then short forms) with its province, for "did you mean".</summary>
    public static IEnumerable<(string Written, Province Province)> Names =>
        All.Select(p => (p.Name, p)).Concat(Aliases.Select(a => (a.Alias, ByCode[a.Code])));

    public static Province? FindByCode(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Every normalised name, alias and code with its province, for typo-tolerant search.</summary>
    internal static IEnumerable<KeyValuePair<string, Province>> Keys => ByKey.Dictionary;

    public static bool TryFind(ReadOnlySpan<char> text, out Province province)
    {
        province = null!;
        Span<char> buffer = stackalloc char[MaxKeyLength];
        var length = 0;
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        ReadOnlySpan<char> key = buffer[..length];
        if (key.StartsWith("provinsi"))
        {
            key = key["provinsi".Length..];
        }
        else if (key.StartsWith("prov"))
        {
            key = key["prov".Length..];
        }

        return ByKey.TryGetValue(key, out province!);
    }

    private static FrozenDictionary<string, Province> BuildKeys()
    {
        var keys = new Dictionary<string, Province>(StringComparer.Ordinal);
        foreach (var province in All)
        {
            keys.Add(province.Code, province);
            keys.Add(Normalize(province.Name), province);
        }

        foreach (var (alias, code) in Aliases)
        {
            keys.Add(Normalize(alias), ByCode[code]);
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Normalize(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
