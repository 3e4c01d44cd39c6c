using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Shared;

/// <summary>
/// "Did you mean" for values operators type (filter names and values, programme ids): the closest known value
/// within a small edit distance, ignoring case, spaces and punctuation, so "Sumbr" finds "Sumbar".
/// </summary>
internal static class Closest
{
    /// <summary>The candidate closest to <paramref name="written"/>, or null when none is close enough to be a likely typo.</summary>
    public static string? To(string written, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(candidates);
        var key = Key(written);
        if (key.Length == 0)
        {
            return null;
        }

        // One slip in a short word, about one in three in a longer one: beyond that a "suggestion" is a guess.
        var allowed = key.Length <= 3 ? 1 : Math.Max(2, key.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(key, Key(candidate));
            if (distance < bestDistance && !string.Equals(candidate, written, StringComparison.Ordinal))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    /// <summary>" (did you mean X?)" in the operator's language, or nothing when there is no suggestion.</summary>
    public static string Hint(string? suggestion, bool english) => suggestion is null
        ? string.Empty
        : english ? $" (did you mean {suggestion}?)" : $" (maksud Anda {suggestion}?)";

    private static string Key(string text) => string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
