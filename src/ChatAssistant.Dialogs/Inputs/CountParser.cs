namespace ChatAssistant.Dialogs.Inputs;

/// <summary>A count of people as the owner gave it. <see cref="SelfOnly"/>: "sendiri", "cuma saya" (count 0).</summary>
internal readonly record struct CountReading(long Count, bool Approximate, bool SelfOnly);

/// <summary>
/// Reads how many people: "2", "2 orang", "2 org", "dua", "sepuluh karyawan", "5-an", "sekitar 10", "tidak ada",
/// "gak ada", "nol", and "sendiri"/"cuma saya"/"only me", which is reported as <see cref="CountReading.SelfOnly"/>
/// so the question decides whether the owner counts ("besides you" makes it 0). Nouns and fillers are data
/// (Data/vocabulary.yaml, counts).
/// </summary>
internal static class CountParser
{
    private const int MaxLength = 60;

    public static bool TryRead(string text, out CountReading reading)
    {
        ArgumentNullException.ThrowIfNull(text);
        reading = default;
        if (text.Length > MaxLength)
        {
            return false;
        }

        var words = TextFold.Tokens(text);
        var polite = words.Where(w => !Vocabulary.Particles.Contains(w) || w is "saya" or "aku").ToArray();
        if (Vocabulary.SelfOnly.Contains(string.Join(' ', words)) || (polite.Length > 0 && Vocabulary.SelfOnly.Contains(string.Join(' ', polite))))
        {
            reading = new CountReading(0, false, SelfOnly: true);
            return true;
        }

        // "tidak ada", "gak ada", "belum ada", "ndak": nobody.
        if (YesNoParser.TryParse(text, out var yes) && !yes)
        {
            reading = new CountReading(0, false, false);
            return true;
        }

        var tokens = NumberWords.Tokenize(text);
        var approximate = tokens.RemoveAll(t => t == "~" || Vocabulary.Approximate.Contains(t)) > 0;
        tokens.RemoveAll(Vocabulary.CountNouns.Contains);
        if (tokens.Count == 0 || tokens[0] == "-")
        {
            return false;
        }

        if (tokens.Count == 1 && Vocabulary.Zero.Contains(tokens[0]))
        {
            reading = new CountReading(0, approximate, false);
            return true;
        }

        if (!NumberWords.TryEvaluate(tokens, Scale, out var number)
            || decimal.Truncate(number.Value) != number.Value
            || number.Value > long.MaxValue)
        {
            return false;
        }

        reading = new CountReading((long)number.Value, approximate || number.Approximate, false);
        return true;
    }

    private static decimal Scale(string word) => word switch
    {
        "rb" or "k" => 1_000m,
        "jt" => 1_000_000m,
        _ => NumberWords.CommonScale(word),
    };
}
