using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Reads numbers written in words and digits, mixed as owners mix them, for amounts and counts:
/// "dua juta", "seratus lima puluh juta", "satu setengah miliar", "sejuta", "15 juta 500 ribu", "two million",
/// "one hundred fifty thousand", "15 000 000". Scales come from the caller (money knows "jt" and "M", counts do
/// not), and must fall from left to right; a bare number after a scale above a thousand ("15 juta 500") is
/// refused, since owners mean both 15.000.500 and 15.500.000 by it.
/// </summary>
internal static class NumberWords
{
    /// <summary>Larger than any amount a long holds: checked before multiplying, since decimal throws on overflow.</summary>
    private const decimal Ceiling = 1e20m;

    // The Indonesian words apart from the English ones: only they are split out of words run together ("limaratus"),
    // since an English "a" (one) would read the typo "duaribua" as 2.001.
    private static readonly Dictionary<string, decimal> IndonesianUnits = new(StringComparer.Ordinal)
    {
        ["nol"] = 0, ["satu"] = 1, ["dua"] = 2, ["tiga"] = 3, ["empat"] = 4, ["lima"] = 5, ["enam"] = 6,
        ["tujuh"] = 7, ["delapan"] = 8, ["sembilan"] = 9, ["sepuluh"] = 10, ["sebelas"] = 11,
    };

    private static readonly Dictionary<string, decimal> IndonesianScales = new(StringComparer.Ordinal)
    {
        ["ribu"] = 1_000m, ["rebu"] = 1_000m, ["juta"] = 1_000_000m,
        ["miliar"] = 1_000_000_000m, ["milyar"] = 1_000_000_000m, ["milliar"] = 1_000_000_000m,
        ["triliun"] = 1_000_000_000_000m, ["trilyun"] = 1_000_000_000_000m,
    };

    /// <summary>Indonesian words that build a number on units: "dua puluh", "seratus", "satu setengah".</summary>
    private static readonly string[] IndonesianParts =
        ["puluh", "belas", "ratus", "seratus", "setengah", "seribu", "sejuta"];

    private static readonly FrozenDictionary<string, decimal> Units = IndonesianUnits.Concat(
        new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["a"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19,
    }).ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, decimal> Tens = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, decimal> Scales = IndonesianScales.Concat(
        new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["thousand"] = 1_000m, ["million"] = 1_000_000m, ["billion"] = 1_000_000_000m, ["trillion"] = 1_000_000_000_000m,
    }).ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Parts =
        IndonesianParts.Append("hundred").Append("belasan").ToFrozenSet(StringComparer.Ordinal);

    // Longest first, so that a run is split greedily: "sebelas" is one word, not "se" + "belas".
    private static readonly string[] JoinedParts =
        [.. IndonesianUnits.Keys.Concat(IndonesianParts).Concat(IndonesianScales.Keys).OrderByDescending(word => word.Length)];

    /// <summary>Scales every reader knows; money adds its abbreviations ("jt", "rb", "M").</summary>
    public static decimal CommonScale(string word) => Scales.GetValueOrDefault(word);

    public static bool IsNumberWord(string word) => Units.ContainsKey(word) || Tens.ContainsKey(word) || Parts.Contains(word);

    /// <summary>
    /// Splits an amount or count into tokens: numbers with their inner '.' and ',' ("1.500.000", "1,5"), runs of
    /// letters, and the signs "~", "-", "/"; other punctuation separates. Lower case; "±", "+/-", "kurang lebih",
    /// "kira-kira" become "~"; "s/d" becomes "sampai". Any other symbol becomes "?", which no reader accepts.
    /// </summary>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        foreach (var (phrase, replacement) in Phrases)
        {
            if (lower.Contains(phrase, StringComparison.Ordinal))
            {
                lower = lower.Replace(phrase, replacement, StringComparison.Ordinal);
            }
        }

        var tokens = new List<string>();
        var i = 0;
        while (i < lower.Length)
        {
            var c = lower[i];
            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < lower.Length
                    && (char.IsAsciiDigit(lower[i])
                        || (lower[i] is '.' or ',' && i + 1 < lower.Length && char.IsAsciiDigit(lower[i + 1]))))
                {
                    i++;
                }

                tokens.Add(lower[start..i]);
                continue;
            }

            if (char.IsLetter(c))
            {
                while (i < lower.Length && (char.IsLetter(lower[i]) || CharUnicodeInfo.GetUnicodeCategory(lower[i]) == UnicodeCategory.NonSpacingMark))
                {
                    i++;
                }

                AddWord(tokens, lower[start..i]);
                continue;
            }

            i++;
            switch (c)
            {
                case '~' or '/':
                    tokens.Add(c.ToString());
                    break;
                case '-' or '\u2013' or '\u2014' or '\u2212':
                    tokens.Add("-");
                    break;
                case '.' or ',' when i < lower.Length && char.IsAsciiDigit(lower[i]) && (i < 2 || !char.IsLetter(lower[i - 2])):
                    tokens.Add("?"); // ",5 juta", "15..000": a separator where no number starts
                    break;
                case '.' or ',' or ':' or ';' or '(' or ')' or '!' or '?' or '"' or '\'' or '=' or '*':
                    break;
                default:
                    if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark))
                    {
                        tokens.Add("?");
                    }

                    break;
            }
        }

        return tokens;
    }

    /// <summary>
    /// Adds a run of letters; one made wholly of two or more number words ("limaratus", "tigapuluhlima") is added as
    /// those words, so it reads as if typed with spaces. Anything else stays one token, as typed.
    /// </summary>
    private static void AddWord(List<string> tokens, string word)
    {
        if (word.Length >= 6 && !IsNumberWord(word) && CommonScale(word) == 0)
        {
            var first = tokens.Count;
            var at = 0;
            while (at < word.Length && PartAt(word, at) is { } part)
            {
                tokens.Add(part);
                at += part.Length;
            }

            if (at == word.Length && tokens.Count - first >= 2)
            {
                return;
            }

            tokens.RemoveRange(first, tokens.Count - first);
        }

        tokens.Add(word);
    }

    private static string? PartAt(string word, int at)
    {
        foreach (var part in JoinedParts)
        {
            if (word.AsSpan(at).StartsWith(part, StringComparison.Ordinal))
            {
                return part;
            }
        }

        return null;
    }

    /// <summary>
    /// Evaluates tokens that are all part of one number. <paramref name="scaleOf"/> gives a word's scale (0 when it
    /// is none); a scale word ending in "-an" ("jutaan") makes the number approximate, as does "200an" or "5-an".
    /// </summary>
    public static bool TryEvaluate(IReadOnlyList<string> tokens, Func<string, decimal> scaleOf, out NumberReading reading)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scaleOf);
        reading = default;
        decimal total = 0, current = 0, last = 0, smallestScale = 0;
        var lastScale = decimal.MaxValue;
        bool hasLast = false, any = false, approximate = false, lastWasScale = false;
        var groupable = false;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            var afterScale = lastWasScale;
            lastWasScale = false;
            if (char.IsAsciiDigit(token[0]))
            {
                if (!NumberParser.TryParseMagnitude(token, out var literal, out _))
                {
                    return false;
                }

                var plain = token.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
                if (hasLast)
                {
                    // "15 000 000": groups of three after a first group of one to three digits.
                    if (!groupable || !plain || token.Length != 3)
                    {
                        return false;
                    }

                    last = (last * 1000) + literal;
                    continue;
                }

                last = literal;
                hasLast = any = true;
                groupable = plain && token.Length <= 3;
                continue;
            }

            groupable = false;
            if (token == "-" && index + 1 < tokens.Count && tokens[index + 1] == "an")
            {
                continue;
            }

            if (token == "an")
            {
                if (!any)
                {
                    return false;
                }

                approximate = true;
                continue;
            }

            if (token is "and" or "dan")
            {
                continue;
            }

            if (Units.TryGetValue(token, out var unit))
            {
                if (hasLast)
                {
                    return false;
                }

                last = unit;
                hasLast = any = true;
                continue;
            }

            if (Tens.TryGetValue(token, out var tens))
            {
                if (hasLast || current % 100 != 0)
                {
                    return false;
                }

                current += tens;
                any = true;
                continue;
            }

            switch (token)
            {
                case "puluh" or "belas" or "ratus":
                    if (!hasLast || last is < 1 or > 9 || decimal.Truncate(last) != last)
                    {
                        return false;
                    }

                    current += token switch { "puluh" => last * 10, "belas" => last + 10, _ => last * 100 };
                    hasLast = false;
                    continue;
                case "seratus":
                    if (hasLast || current != 0)
                    {
                        return false;
                    }

                    current = 100;
                    any = true;
                    continue;
                case "hundred":
                    var hundreds = current + (hasLast ? last : 0);
                    if (hundreds is <= 0 or >= 100)
                    {
                        return false;
                    }

                    current = hundreds * 100;
                    hasLast = false;
                    continue;
                case "setengah" or "half":
                    if (afterScale && !hasLast && current == 0)
                    {
                        // "sejuta setengah", "dua juta setengah": half of the scale just named.
                        total += lastScale / 2;
                        continue;
                    }

                    if (hasLast ? decimal.Truncate(last) != last : current != 0)
                    {
                        return false;
                    }

                    last = (hasLast ? last : 0) + 0.5m;
                    hasLast = any = true;
                    continue;
                case "belasan":
                    if (hasLast || current != 0)
                    {
                        return false;
                    }

                    last = 15;
                    hasLast = any = approximate = true;
                    continue;
            }

            var scale = scaleOf(token);
            if (scale == 0 && token.Length > 2 && token.StartsWith("se", StringComparison.Ordinal) && scaleOf(token[2..]) is > 0 and var oneScale)
            {
                // "sejuta", "seribu", "semiliar": one of the scale.
                if (hasLast || current != 0)
                {
                    return false;
                }

                (last, hasLast, any, scale) = (1, true, true, oneScale);
            }

            if (scale == 0 && token.Length > 2 && token.EndsWith("an", StringComparison.Ordinal) && scaleOf(token[..^2]) is > 0 and var roughScale)
            {
                scale = roughScale;
                approximate = true;
            }

            if (scale == 0)
            {
                return false;
            }

            var count = current + (hasLast ? last : 0);
            if (count <= 0 || scale >= lastScale || count > Ceiling / scale)
            {
                return false;
            }

            total += count * scale;
            current = last = 0;
            hasLast = false;
            lastScale = smallestScale = scale;
            lastWasScale = true;
        }

        var rest = current + (hasLast ? last : 0);
        if (!any || (rest > 0 && lastScale != decimal.MaxValue && lastScale > 1000))
        {
            return false;
        }

        reading = new NumberReading(total + rest, smallestScale, approximate);
        return true;
    }

    private static readonly (string Phrase, string Replacement)[] Phrases =
    [
        ("s/d", " sampai "), ("+/-", " ~ "), ("+-", " ~ "), ("\u00B1", " ~ "), ("kira-kira", " ~ "),
        ("kira2", " ~ "), ("kira kira", " ~ "), ("kurang lebih", " ~ "), ("lebih kurang", " ~ "),
        ("krg lbh", " ~ "), ("kurang lbh", " ~ "), ("krg lebih", " ~ "), ("lebih dari", " ~ "),
        ("kurang dari", " ~ "), ("rata-rata", " ~ "), ("rata2", " ~ "), ("more than", " ~ "),
        ("less than", " ~ "), ("up to", " ~ "),
    ];
}

/// <summary>A number read from words or digits; <see cref="SmallestScale"/> is 0 when no scale word was used.</summary>
internal readonly record struct NumberReading(decimal Value, decimal SmallestScale, bool Approximate)
{
    public bool Scaled => SmallestScale != 0;
}
