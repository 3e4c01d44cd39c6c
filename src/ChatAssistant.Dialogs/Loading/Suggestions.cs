using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>"Did you mean" for misspelt keys and step names: the closest candidate within a small edit distance.</summary>
internal static class Suggestions
{
    public static string DidYouMean(string written, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(written.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(2, written.Length / 3);
        return best is not null && bestDistance <= allowed ? $" (did you mean '{best}'?)" : string.Empty;
    }
}
