namespace ChatAssistant.OperatorConsole;

/// <summary>
/// What an operator filled in on the compose page: the announcement in Bahasa Indonesia (required) and English, an
/// optional button (label and the command it sends), the segment's filters by their names on the command line
/// (<c>province</c>, <c>channel</c>...; <see cref="Broadcasts.SegmentParser.Filters"/>; empty ones are left out), and
/// when to send (a WIB time as a datetime-local field gives it, e.g. 2026-12-01T09:00; empty: now).
/// </summary>
internal sealed record ComposeForm(
    string TextIndonesian,
    string? TextEnglish,
    string? ButtonLabel,
    string? ButtonCommand,
    IReadOnlyDictionary<string, string> Filters,
    string? SendAt,
    bool AllowEmpty = false)
{
    /// <summary>The filters that have a value, trimmed.</summary>
    public IEnumerable<KeyValuePair<string, string>> GivenFilters =>
        Filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => KeyValuePair.Create(f.Key, f.Value.Trim()));
}

/// <summary>A sentence for the operator in both languages: the console shows the Indonesian one first.</summary>
internal sealed record Said(string Indonesian, string English);
