using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>One option as the matcher sees it: its saved value, its labels in every language, its synonyms.</summary>
internal sealed record ChoiceCandidate(string Value, IReadOnlyList<string> Labels, IReadOnlyList<string> Synonyms)
{
    public static ChoiceCandidate From(ChoiceOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        // A short label is what a WhatsApp owner saw on the button, so typing it picks the option too.
        return new(option.Value, [.. option.Label.ByLanguage.Values.Select(label => label.Source),
            .. option.Short?.ByLanguage.Values.Select(label => label.Source) ?? []], option.Synonyms);
    }
}

/// <summary>Which options a typed word fits: none, exactly one, or several (the caller asks which).</summary>
internal readonly record struct ChoiceMatch(IReadOnlyList<int> Indices)
{
    public static readonly ChoiceMatch None = new([]);

    public bool IsNone => Indices.Count == 0;

    public bool IsOne => Indices.Count == 1;

    public bool IsSeveral => Indices.Count > 1;

    public int Index => Indices[0];
}

/// <summary>
/// Matches a typed choice against the options' values, labels and synonyms (the option's own, plus the shared
/// table in Data/vocabulary.yaml under choices.synonyms, keyed by option value). Case, accents and punctuation
/// do not matter. In order, the first step that fits any option decides:
/// 1. the whole text is a value, a label or a synonym ("Makanan & minuman", "kuliner"), or a yes/no answer to
///    options valued yes/no;
/// 2. every typed word is a word, or the start of a word (3+ letters), of one label or synonym ("makanan" for
///    "Makanan & minuman"), any no-word standing for any other ("gak yakin" for "Tidak yakin");
/// 3. as 2, allowing one typo in each typed word of 5+ letters ("kulinr").
/// Button numbers are the caller's: they depend on how the options were shown.
/// </summary>
internal static class ChoiceMatcher
{
    private const int MinPrefixLength = 3;
    private const int MinTypoLength = 5;

    /// <summary>Matches against a step's options (labels in every language, the option's <c>synonyms:</c>).</summary>
    public static ChoiceMatch Match(string text, IReadOnlyList<ChoiceOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Match(text, [.. options.Select(ChoiceCandidate.From)]);
    }

    public static ChoiceMatch Match(string text, IReadOnlyList<ChoiceCandidate> options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var typed = TextFold.Tokens(text);
        var meaningful = typed.Where(w => !Vocabulary.ChoiceFiller.Contains(w)).ToArray();
        if (meaningful.Length > 0)
        {
            typed = meaningful;
        }

        if (typed.Length == 0)
        {
            return ChoiceMatch.None;
        }

        var phrases = options.Select(Phrases).ToArray();
        var whole = string.Join(' ', typed);
        var wholeKey = whole.Replace(" ", string.Empty, StringComparison.Ordinal);
        var isYesNo = YesNoParser.TryParse(text, out var yes);
        var exact = Collect(options.Count, i =>
            phrases[i].Any(p => string.Join(' ', p) == whole || string.Concat(p) == wholeKey)
            || (isYesNo && string.Equals(options[i].Value, yes ? "yes" : "no", StringComparison.OrdinalIgnoreCase)));
        if (!exact.IsNone)
        {
            return exact;
        }

        // Word by word, a no-word is any no-word: "gak yakin" fits "Tidak yakin", "not sure" fits "Not sure".
        var words = typed.Select(Canonical).ToArray();
        var phraseWords = phrases.Select(list => list.Select(p => p.Select(Canonical).ToArray()).ToArray()).ToArray();
        var byWords = Collect(options.Count, i => phraseWords[i].Any(p => words.All(w => p.Any(word => Fits(w, word, typos: false)))));
        return !byWords.IsNone
            ? byWords
            : Collect(options.Count, i => phraseWords[i].Any(p => words.All(w => p.Any(word => Fits(w, word, typos: true)))));
    }

    /// <summary>The folded word lists of an option: value, labels, own synonyms and shared synonyms.</summary>
    private static List<string[]> Phrases(ChoiceCandidate option)
    {
        var phrases = new List<string[]> { TextFold.Tokens(option.Value.Replace('_', ' ')) };
        phrases.AddRange(option.Labels.Concat(option.Synonyms).Select(TextFold.Tokens));
        if (Vocabulary.ChoiceSynonyms.TryGetValue(option.Value, out var shared))
        {
            phrases.AddRange(shared.Select(s => s.Split(' ')));
        }

        phrases.RemoveAll(p => p.Length == 0);
        return phrases;
    }

    private static string Canonical(string word) => Vocabulary.No.Contains(TextFold.Squeeze(word)) ? "tidak" : word;

    private static bool Fits(string typed, string word, bool typos) =>
        typed == word
        || (typed.Length >= MinPrefixLength && word.StartsWith(typed, StringComparison.Ordinal))
        || (typos && typed.Length >= MinTypoLength && TextFold.IsOneTypoApart(typed, word));

    private static ChoiceMatch Collect(int count, Func<int, bool> fits)
    {
        List<int>? indices = null;
        for (var i = 0; i < count; i++)
        {
            if (fits(i))
            {
                (indices ??= []).Add(i);
            }
        }

        return indices is null ? ChoiceMatch.None : new ChoiceMatch(indices);
    }
}
