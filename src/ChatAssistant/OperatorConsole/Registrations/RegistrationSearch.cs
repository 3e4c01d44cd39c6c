namespace ChatAssistant.OperatorConsole.Registrations;

/// <summary>
/// The registrations table's search: every word typed must appear (in any case) in the
/// row's code, status, name, business name, sector or province. NIK and phone are not searched: the table shows
/// them masked, and a search that matched a hidden number would reveal it digit by digit.
/// </summary>
internal static class RegistrationSearch
{
    /// <summary>The most rows the page shows at once; the rest are counted and a narrower search finds them.</summary>
    public const int PageRows = 200;

    public static IReadOnlyList<Training.RegistrationRow> Filter(IEnumerable<Training.RegistrationRow> rows, string? query)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var words = (query ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0
            ? rows.ToList()
            : rows.Where(r => words.All(w => Searched(r).Any(field => field?.Contains(w, StringComparison.OrdinalIgnoreCase) == true))).ToList();
    }

    private static IEnumerable<string?> Searched(Training.RegistrationRow row) =>
        [row.Code, row.Status, row.Name, row.BusinessName, row.Sector, row.Province];
}
