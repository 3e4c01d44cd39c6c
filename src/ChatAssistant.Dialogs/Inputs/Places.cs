using System.Collections.Frozen;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// The province an owner means when asked for one: a province ("Jawa Timur", "Jatim", "Sumatra Barat"), or any
/// regency or city of Indonesia ("surabaya", "padang", "kab. bandung", "kota bandung"), with one typo allowed in
/// names of 5+ letters. A name that belongs to several provinces ("Banjar": a city in Jawa Barat, a regency in
/// Kalimantan Selatan) is reported with all of them, never guessed. The regencies come from Data/regencies.csv
/// (derived from idn-area-data, ODbL), read once; other names (Solo, Ujung Pandang) from Data/vocabulary.yaml.
/// </summary>
internal static class Places
{
    private const int MinTypoLength = 5;
    private const int MinPrefixLength = 4;

    private static readonly string[] KabupatenPrefixes = ["kab", "kabupaten"];
    private static readonly string[] KotaPrefixes = ["kota", "kotamadya", "kodya", "kotaadministrasi"];

    private static readonly FrozenDictionary<string, Place[]> ByKey = Build();

    // Every province and regency name as words, for "jawa" (three provinces) and "lombok" (four regencies, one province).
    private static readonly (string[] Words, Province Province)[] Names =
    [
        .. Provinces.All.Select(p => (TextFold.Tokens(p.Name), p)),
        .. ByKey.Values.SelectMany(places => places).Where(p => p.Name is not null)
            .Select(p => (TextFold.Tokens(Bare(p.Name!)), p.Province)),
    ];

    public static ProvinceMatch Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = FindName(text);
        if (!match.IsNone)
        {
            return match;
        }

        // "saya di surabaya": the place without the words around it.
        var words = TextFold.Tokens(text);
        var meaningful = words.Where(w => !Vocabulary.PlaceFiller.Contains(w)).ToArray();
        if (meaningful.Length > 0 && meaningful.Length < words.Length)
        {
            match = FindName(string.Join(' ', meaningful));
            if (!match.IsNone)
            {
                return match;
            }
        }

        // "Surabaya, Jawa Timur", "Sleman / Jogja": parts that agree on one province.
        var parts = text.Split([',', '/', ';', '-', '('], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1)
        {
            var found = parts.Select(p => FindName(p.TrimEnd(')'))).Where(m => !m.IsNone).ToArray();
            var provinces = found.Select(m => m.Provinces).Aggregate((IEnumerable<Province>?)null, (all, next) => all is null ? next : all.Intersect(next))?.ToArray();
            if (provinces is { Length: > 0 })
            {
                return new ProvinceMatch(provinces, found.Select(m => m.Place).FirstOrDefault(p => p is not null));
            }
        }

        return ProvinceMatch.None;
    }

    private static ProvinceMatch FindName(string text)
    {
        if (Provinces.TryFind(text, out var province))
        {
            return new ProvinceMatch([province], null);
        }

        var key = TextFold.Key(text).Replace("sumatra", "sumatera", StringComparison.Ordinal);
        if (key.Length == 0)
        {
            return ProvinceMatch.None;
        }

        if (Provinces.TryFind(key, out province))
        {
            return new ProvinceMatch([province], null);
        }

        if (ByKey.TryGetValue(key, out var places))
        {
            return Match(places);
        }

        // "bogor kota", "bandung kab": the kind after the name.
        var words = TextFold.Tokens(text.Replace("sumatra", "sumatera", StringComparison.OrdinalIgnoreCase));
        if (words.Length > 1 && words[^1] is "kota" or "kab" or "kabupaten")
        {
            return FindName(words[^1] + " " + string.Join(' ', words[..^1]));
        }

        // The first words of provinces' or regencies' names: "jawa", "sulawesi", "lombok", "nusa tenggara".
        if (key.Length >= MinPrefixLength)
        {
            var starting = Names
                .Where(n => n.Words.Length > words.Length && n.Words.AsSpan(0, words.Length).SequenceEqual(words))
                .Select(n => n.Province).Distinct().ToArray();
            if (starting.Length > 0)
            {
                return new ProvinceMatch(starting, null);
            }
        }

        if (key.Length < MinTypoLength)
        {
            return ProvinceMatch.None;
        }

        var near = new List<Place>();
        foreach (var (candidate, found) in Provinces.Keys)
        {
            if (TextFold.IsOneTypoApart(key, candidate))
            {
                near.Add(new Place(found, null));
            }
        }

        foreach (var (candidate, found) in ByKey)
        {
            if (TextFold.IsOneTypoApart(key, candidate))
            {
                near.AddRange(found);
            }
        }

        return near.Count == 0 ? ProvinceMatch.None : Match([.. near]) with { Guessed = true };
    }

    private static ProvinceMatch Match(Place[] places)
    {
        var provinces = places.Select(p => p.Province).Distinct().ToArray();
        var names = places.Select(p => p.Name).Distinct().ToArray();
        return new ProvinceMatch(provinces, provinces.Length == 1 && names.Length == 1 ? names[0] : null);
    }

    private static FrozenDictionary<string, Place[]> Build()
    {
        var keys = new Dictionary<string, List<Place>>(StringComparer.Ordinal);
        var byOfficialName = new Dictionary<string, Place>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Vocabulary.ReadResource(Vocabulary.RegenciesResource).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed.StartsWith("province_code,", StringComparison.Ordinal))
            {
                continue;
            }

            var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
            var province = Provinces.FindByCode(trimmed[..comma])
                ?? throw new InvalidOperationException($"regencies.csv: unknown province code in '{trimmed}'.");
            var official = trimmed[(comma + 1)..];
            var place = new Place(province, official);
            byOfficialName[official] = place;
            var (prefixes, bare) = official switch
            {
                _ when official.StartsWith("Kabupaten Administrasi ", StringComparison.Ordinal) => (KabupatenPrefixes, official["Kabupaten Administrasi ".Length..]),
                _ when official.StartsWith("Kabupaten ", StringComparison.Ordinal) => (KabupatenPrefixes, official["Kabupaten ".Length..]),
                _ when official.StartsWith("Kota Administrasi ", StringComparison.Ordinal) => (KotaPrefixes, official["Kota Administrasi ".Length..]),
                _ when official.StartsWith("Kota ", StringComparison.Ordinal) => (KotaPrefixes, official["Kota ".Length..]),
                _ => (Array.Empty<string>(), official),
            };

            var bareKey = TextFold.Key(bare);
            Add(keys, bareKey, new Place(province, bare));
            foreach (var prefix in prefixes)
            {
                Add(keys, prefix + bareKey, place);
            }

            Add(keys, TextFold.Key(official), place);
        }

        foreach (var (alias, official) in Vocabulary.PlaceAliases)
        {
            if (byOfficialName.TryGetValue(official, out var place))
            {
                Add(keys, alias, place);
            }
            else if (Provinces.TryFind(official, out var province))
            {
                Add(keys, alias, new Place(province, null));
            }
            else
            {
                throw new InvalidOperationException($"vocabulary.yaml, places: '{official}' is neither a regency, a city nor a province.");
            }
        }

        return keys.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.Distinct().ToArray(), StringComparer.Ordinal);
    }

    private static string Bare(string name)
    {
        foreach (var prefix in (string[])["Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    private static void Add(Dictionary<string, List<Place>> keys, string key, Place place)
    {
        if (!keys.TryGetValue(key, out var list))
        {
            keys[key] = list = [];
        }

        list.Add(place);
    }

    private sealed record Place(Province Province, string? Name);
}

/// <summary>
/// The provinces a typed place may be in. <see cref="Place"/> is the regency or city it named, when it named
/// one, for saying back ("Surabaya, Jawa Timur"). <see cref="Guessed"/>: found only by allowing a typo, so the
/// owner is asked before it is stored.
/// </summary>
internal sealed record ProvinceMatch(IReadOnlyList<Province> Provinces, string? Place, bool Guessed = false)
{
    public static readonly ProvinceMatch None = new([], null);

    public bool IsNone => Provinces.Count == 0;

    public bool IsOne => Provinces.Count == 1;

    public bool IsSeveral => Provinces.Count > 1;

    public Province Province => Provinces[0];
}
