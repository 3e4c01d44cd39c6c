using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Reads rupiah amounts as owners type them: "15.000.000", "Rp. 15.000.000,-", "IDR 15,000,000", "15jt",
/// "1,5 M", "500rb", "lima ratus rebu", "dua juta", "satu setengah miliar", "sekitar 200jt", "200 jutaan",
/// "10-20 juta" (the middle, approximate), "25 million", "1.5 billion", "15jt sebulan" (with its period).
/// A separator's role follows from its position (see <see cref="NumberParser.TryParseMagnitude"/>), so
/// "15,000,000" and "1,5 juta" both read right. "M" is miliar in Indonesian and million in English.
/// </summary>
internal static class MoneyParser
{
    // Longer than any amount with its decorations; a longer text is a sentence, not an amount.
    private const int MaxLength = 100;

    /// <summary>Indonesian reading of an amount without a period; an amount per month or day is refused here.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long rupiah)
    {
        rupiah = 0;
        if (!TryRead(text.ToString(), Languages.Indonesian, out var reading) || reading.Period != MoneyPeriod.None)
        {
            return false;
        }

        rupiah = reading.Rupiah;
        return true;
    }

    public static bool TryRead(string text, string language, out MoneyReading reading)
    {
        ArgumentNullException.ThrowIfNull(text);
        reading = default;
        if (text.Length > MaxLength)
        {
            return false;
        }

        var scale = language == Languages.English ? EnglishScale : IndonesianScale;
        var tokens = NumberWords.Tokenize(text);
        tokens.RemoveAll(t => t is "rp" or "idr" or "rupiah" || Vocabulary.MoneyFiller.Contains(t));
        if (tokens.Count > 0 && tokens[^1] == "-")
        {
            tokens.RemoveAt(tokens.Count - 1); // the accounting dash of "15.000,-"
        }

        if (tokens.Count == 0 || tokens[0] == "-")
        {
            return false; // nothing, or a negative amount
        }

        var approximate = tokens.RemoveAll(t => t == "~" || Vocabulary.Approximate.Contains(t)) > 0;
        if (!TryTakePeriod(tokens, out var period))
        {
            return false;
        }

        if (IsNothing(tokens, out var bareNo))
        {
            reading = new MoneyReading(0, approximate, period, Unsure: bareNo);
            return true;
        }

        decimal value;
        var range = FindRange(tokens);
        if (range > 0)
        {
            // "10-20 juta", "15.000 - 20.000": the middle, said back as approximate.
            if (!NumberWords.TryEvaluate(tokens[..range], scale, out var low)
                || !NumberWords.TryEvaluate(tokens[(range + 1)..], scale, out var high))
            {
                return false;
            }

            var lowValue = low.Scaled || !high.Scaled ? low.Value : low.Value * high.SmallestScale;
            if (lowValue >= high.Value)
            {
                return false;
            }

            value = (lowValue + high.Value) / 2;
            approximate = true;
        }
        else
        {
            if (!NumberWords.TryEvaluate(tokens, scale, out var number))
            {
                return false;
            }

            // Without a unit a fraction would be a fraction of a rupiah: "1,5" is a slip, not an amount.
            if (!number.Scaled && decimal.Truncate(number.Value) != number.Value)
            {
                return false;
            }

            value = number.Value;
            approximate |= number.Approximate;
        }

        value = decimal.Round(value, MidpointRounding.AwayFromZero);
        if (value > long.MaxValue)
        {
            return false;
        }

        reading = new MoneyReading((long)value, approximate, period);
        return true;
    }

    // Built once: a lambda over the language would allocate a closure and a delegate on every amount read.
    private static readonly Func<string, decimal> IndonesianScale = word => Scale(word, english: false);
    private static readonly Func<string, decimal> EnglishScale = word => Scale(word, english: true);

    private static int FindRange(List<string> tokens)
    {
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            if (tokens[i] is "sampai" or "sd" or "hingga" or "to" or "until" || (tokens[i] == "-" && tokens[i + 1] != "an"))
            {
                return i;
            }
        }

        return -1;
    }

    private static decimal Scale(string word, bool english) => word switch
    {
        "rb" or "rbu" or "k" or "rebu" => 1_000m,
        "jt" or "jta" or "mio" or "mn" or "mil" => 1_000_000m,
        // Owners write "M" for miliar; in English "480m" is 480 million.
        "m" => english ? 1_000_000m : 1_000_000_000m,
        "b" or "bn" or "bio" or "milyard" => 1_000_000_000m,
        "t" or "tn" or "tr" => 1_000_000_000_000m,
        _ => NumberWords.CommonScale(word),
    };

    // "gak ada", "belum ada", "nol", "nothing": no money at all; a bare "tidak" or "ga" too, but then not surely.
    private static bool IsNothing(List<string> tokens, out bool bareNo)
    {
        bareNo = false;
        if (tokens.Count == 1 && Vocabulary.Zero.Contains(tokens[0]))
        {
            return true;
        }

        if (!tokens.TrueForAll(t => char.IsLetter(t[0]) && !NumberWords.IsNumberWord(t)))
        {
            return false;
        }

        // The words joined by spaces, as typed, read as a yes or no: on the stack, since most amounts are not words.
        var length = tokens.Sum(t => t.Length + 1);
        Span<char> joined = length <= 256 ? stackalloc char[256] : new char[length];
        var at = 0;
        foreach (var token in tokens)
        {
            if (at > 0)
            {
                joined[at++] = ' ';
            }

            token.CopyTo(joined[at..]);
            at += token.Length;
        }

        if (!YesNoParser.TryParse(joined[..at], out var yes) || yes)
        {
            return false;
        }

        bareNo = !tokens.Exists(Vocabulary.NoneAfterNo.Contains);
        return true;
    }

    /// <summary>Removes "sebulan", "per bulan", "/bln", "tiap hari", "a month", "monthly" and reports the period.</summary>
    private static bool TryTakePeriod(List<string> tokens, out MoneyPeriod period)
    {
        period = MoneyPeriod.None;
        for (var i = 0; i < tokens.Count; i++)
        {
            var found = SingleWordPeriod(tokens[i]);
            var start = i;
            var end = i + 1;
            if (found == MoneyPeriod.None && tokens[i] is "per" or "/" or "tiap" or "setiap" or "each" or "every" or "a" or "dalam" or "in")
            {
                var next = i + 1;
                if (next < tokens.Count - 1 && tokens[next] is "1" or "satu" or "one")
                {
                    next++;
                }

                if (next < tokens.Count)
                {
                    found = PeriodWord(tokens[next]);
                    end = next + 1;
                }
            }
            else if (found == MoneyPeriod.None && i > 0 && PeriodWord(tokens[i]) is not MoneyPeriod.None and var bare
                && i == tokens.Count - 1 && tokens[i - 1] is "1" or "satu")
            {
                // "15 juta 1 bulan"
                (found, start) = (bare, i - 1);
            }

            if (found == MoneyPeriod.None)
            {
                continue;
            }

            if (period != MoneyPeriod.None)
            {
                return false; // two periods: "sehari sebulan"
            }

            period = found;
            tokens.RemoveRange(start, end - start);
            i = start - 1;
        }

        return period == MoneyPeriod.None || tokens.TrueForAll(t => PeriodWord(t) == MoneyPeriod.None);
    }

    private static MoneyPeriod SingleWordPeriod(string word)
    {
        if (word.EndsWith("nya", StringComparison.Ordinal))
        {
            word = word[..^3];
        }

        return word switch
        {
            "monthly" => MoneyPeriod.Month,
            "daily" => MoneyPeriod.Day,
            "weekly" => MoneyPeriod.Week,
            "yearly" or "annually" or "annual" => MoneyPeriod.Year,
            _ when word.Length > 3 && word.StartsWith("se", StringComparison.Ordinal) => PeriodWord(word[2..]),
            _ when word.Length > 4 && word.StartsWith("per", StringComparison.Ordinal) => PeriodWord(word[3..]),
            _ when word.Length > 4 && word.EndsWith("an", StringComparison.Ordinal) && word != "jutaan" => PeriodWord(word[..^2]),
            _ => MoneyPeriod.None,
        };
    }

    private static MoneyPeriod PeriodWord(string word)
    {
        if (word.Length > 4 && word.EndsWith("nya", StringComparison.Ordinal))
        {
            word = word[..^3];
        }

        return word switch
        {
            "hari" or "hr" or "day" => MoneyPeriod.Day,
            "minggu" or "mgg" or "mg" or "pekan" or "week" or "wk" => MoneyPeriod.Week,
            "bulan" or "bln" or "bl" or "month" or "mo" or "mth" => MoneyPeriod.Month,
            "tahun" or "thn" or "th" or "year" or "yr" => MoneyPeriod.Year,
            _ => MoneyPeriod.None,
        };
    }
}
