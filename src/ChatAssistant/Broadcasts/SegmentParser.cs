using System.Globalization;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Shared;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Reads a segment from what operators write: <c>name=value</c> text in a chat, or named command-line options.
/// Its problems are sentences for the operator, in their language (Bahasa Indonesia or English).
/// </summary>
internal static class SegmentParser
{
    /// <summary>The filter names, canonical first, with the Indonesian ones operators type in chat.</summary>
    public static IReadOnlyList<(string Name, string Indonesian, string Example)> Filters { get; } =
    [
        ("province", "provinsi", "Sumatera Barat,Riau"),
        ("sector", "sektor", "food"),
        ("class", "kelas", "micro"),
        ("language", "bahasa", "id"),
        ("outcome", "hasil", "stimulus-eligibility:criteria_met"),
        ("answer", "jawaban", "kur_result:micro"),
        ("registered", "terdaftar", "bimtek-digital-padang"),
        ("not-registered", "belum-terdaftar", "bimtek-digital-padang"),
        ("export-score-min", "skor-ekspor-min", "70"),
        ("active-since", "aktif-sejak", "2026-11-01"),
        ("channel", "kanal", "whatsapp"),
    ];

    /// <summary>The chat apps announcements go to (the terminal chat is never one).</summary>
    private static readonly string[] ChannelValues = [ChannelNames.Telegram, ChannelNames.WhatsApp];

    private static readonly (string Value, string Indonesian)[] ClassNames =
        [("micro", "mikro"), ("small", "kecil"), ("medium", "menengah"), ("large", "besar")];

    /// <summary>
    /// Reads an operator's filter text: <c>name=value</c> pairs separated by ';' or new lines; "semua", "all" or
    /// nothing means everyone. Errors are in <paramref name="language"/>.
    /// </summary>
    public static bool TryParse(string? text, string language, out BroadcastSegment segment, out IReadOnlyList<string> errors)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var problems = new List<string>();
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length > 0 && !IsEveryoneWord(trimmed))
        {
            foreach (var part in trimmed.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOfAny(['=', ':']);
                if (equals <= 0)
                {
                    problems.Add(Say(language,
                        $"\"{part}\" bukan filter. Tulis nama=nilai, misalnya provinsi=Sumatera Barat.",
                        $"\"{part}\" is not a filter. Write name=value, e.g. province=Sumatera Barat."));
                    continue;
                }

                pairs.Add(KeyValuePair.Create(part[..equals].Trim(), part[(equals + 1)..].Trim()));
            }
        }

        if (problems.Count > 0)
        {
            segment = BroadcastSegment.Everyone;
            errors = problems;
            return false;
        }

        return TryCreate(pairs, language, out segment, out errors);
    }

    /// <summary>Builds a segment from named filters (command-line options or parsed chat text).</summary>
    public static bool TryCreate(IEnumerable<KeyValuePair<string, string>> filters, string language, out BroadcastSegment segment, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var problems = new List<string>();
        var result = BroadcastSegment.Everyone;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawName, rawValue) in filters)
        {
            var name = Canonical(rawName);
            var value = rawValue.Trim();
            if (name is null)
            {
                var names = language == Languages.English ? Filters.Select(f => f.Name) : Filters.Select(f => f.Indonesian);
                var hint = Hint(language, Closest.To(rawName.Trim().TrimStart('-'), names));
                problems.Add(Say(language,
                    $"Filter \"{rawName}\" tidak dikenal{hint}. Yang bisa dipakai: {string.Join(", ", Filters.Select(f => f.Indonesian))}.",
                    $"Unknown filter \"{rawName}\"{hint}. Available: {string.Join(", ", Filters.Select(f => f.Name))}."));
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Add(Say(language, $"Filter {name} disebut dua kali; pisahkan beberapa nilai dengan koma.", $"Filter {name} is given twice; separate several values with commas."));
                continue;
            }

            if (value.Length == 0)
            {
                problems.Add(Say(language, $"Filter {name} belum diberi nilai.", $"Filter {name} has no value."));
                continue;
            }

            var example = Filters.First(f => f.Name == name).Example;
            switch (name)
            {
                case "province":
                    var provinces = new List<string>();
                    foreach (var item in List(value))
                    {
                        if (IndonesianProvinces.TryGetName(item, out var official))
                        {
                            provinces.Add(official);
                        }
                        else
                        {
                            var hint = Hint(language, ProvinceSuggestion(item, language));
                            problems.Add(Say(language,
                                $"Provinsi \"{item}\" tidak dikenal{hint}.",
                                $"Unknown province \"{item}\"{hint}."));
                        }
                    }

                    result = result with { Provinces = provinces.Distinct(StringComparer.Ordinal).ToArray() };
                    break;

                case "sector":
                    result = result with { Sectors = List(value).Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray() };
                    break;

                case "class":
                    var classes = new List<string>();
                    foreach (var item in List(value))
                    {
                        var known = ClassNames.FirstOrDefault(c => item.Equals(c.Value, StringComparison.OrdinalIgnoreCase) || item.Equals(c.Indonesian, StringComparison.OrdinalIgnoreCase));
                        if (known.Value is null)
                        {
                            var hint = Hint(language, Closest.To(item, language == Languages.English ? ClassNames.Select(c => c.Value) : ClassNames.Select(c => c.Indonesian)));
                            problems.Add(Say(language,
                                $"Kelas usaha \"{item}\" tidak dikenal{hint}: mikro, kecil, menengah atau besar.",
                                $"Unknown business class \"{item}\"{hint}: micro, small, medium or large."));
                        }
                        else
                        {
                            classes.Add(known.Value);
                        }
                    }

                    result = result with { Classes = classes.Distinct(StringComparer.Ordinal).ToArray() };
                    break;

                case "language":
                    if (Languages.Normalize(value) is { } normalized && Languages.All.Contains(normalized))
                    {
                        result = result with { Language = normalized };
                    }
                    else
                    {
                        var hint = Hint(language, Closest.To(value, ["id", "en", "indonesia", "english"]) switch
                        {
                            "indonesia" or "id" => "id",
                            "english" or "en" => "en",
                            _ => null,
                        });
                        problems.Add(Say(language, $"Bahasa \"{value}\" tidak ada{hint}: id atau en.", $"No language \"{value}\"{hint}: id or en."));
                    }

                    break;

                case "outcome" or "answer":
                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0 || colon == value.Length - 1)
                    {
                        problems.Add(Say(language, $"Tulis {name} sebagai {example}.", $"Write {name} as {example}."));
                    }
                    else if (name == "outcome")
                    {
                        result = result with { OutcomeDialog = value[..colon].Trim(), Outcome = value[(colon + 1)..].Trim() };
                    }
                    else
                    {
                        result = result with { AnswerKey = value[..colon].Trim(), AnswerValue = value[(colon + 1)..].Trim() };
                    }

                    break;

                case "registered":
                    result = result with { RegisteredFor = value };
                    break;

                case "not-registered":
                    result = result with { NotRegisteredFor = value };
                    break;

                case "export-score-min":
                    if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 100)
                    {
                        result = result with { MinExportScore = score };
                    }
                    else
                    {
                        problems.Add(Say(language, $"Skor ekspor minimal harus angka 0 sampai 100, bukan \"{value}\".", $"The minimum export score must be a number from 0 to 100, not \"{value}\"."));
                    }

                    break;

                case "channel":
                    var channel = value.ToLowerInvariant() switch
                    {
                        "wa" => ChannelNames.WhatsApp,
                        "tg" => ChannelNames.Telegram,
                        var other => other,
                    };
                    if (Array.IndexOf(ChannelValues, channel) >= 0)
                    {
                        result = result with { Channel = channel };
                    }
                    else
                    {
                        var hint = Hint(language, Closest.To(value, ChannelValues));
                        problems.Add(Say(language,
                            $"Kanal \"{value}\" tidak dikenal{hint}: telegram atau whatsapp.",
                            $"Unknown channel \"{value}\"{hint}: telegram or whatsapp."));
                    }

                    break;

                case "active-since":
                    if (Wib.TryParseDate(value, out var since))
                    {
                        result = result with { ActiveSince = since };
                    }
                    else
                    {
                        problems.Add(Say(language, $"Tanggal \"{value}\" tidak terbaca; tulis misalnya 2026-11-01.", $"Cannot read the date \"{value}\"; write e.g. 2026-11-01."));
                    }

                    break;
            }
        }

        segment = problems.Count == 0 ? result : BroadcastSegment.Everyone;
        errors = problems;
        return problems.Count == 0;
    }

    private static string? Canonical(string name)
    {
        var trimmed = name.Trim().TrimStart('-').ToLowerInvariant().Replace('_', '-');
        foreach (var (canonical, indonesian, _) in Filters)
        {
            if (trimmed == canonical || trimmed == indonesian)
            {
                return canonical;
            }
        }

        return trimmed switch
        {
            "scale" or "skala" => "class",
            "export-score" or "skor-ekspor" => "export-score-min",
            "saluran" => "channel",
            _ => null,
        };
    }

    private static bool IsEveryoneWord(string text) =>
        text.Equals("semua", StringComparison.OrdinalIgnoreCase) || text.Equals("all", StringComparison.OrdinalIgnoreCase) || text == "-";

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Say(string language, string indonesian, string english) => language == Languages.English ? english : indonesian;

    private static string Hint(string language, string? suggestion) => Closest.Hint(suggestion, language == Languages.English);

    /// <summary>The name closest to a misspelt province: "Sumbar, i.e. Sumatera Barat" for a short form, else the official name.</summary>
    private static string? ProvinceSuggestion(string written, string language)
    {
        var names = IndonesianProvinces.Names().ToList();
        if (Closest.To(written, names.Select(n => n.Written)) is not { } closest)
        {
            return null;
        }

        var official = names.First(n => n.Written == closest).Name;
        return closest == official ? official : closest + Say(language, ", yaitu ", ", i.e. ") + official;
    }
}
