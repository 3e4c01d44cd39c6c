namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// The province list as the host needs it outside a dialog: operators name provinces in broadcast filters the
/// way owners do ("Sumbar", "Sumatera Barat", "13"), and quiet hours follow each province's time zone.
/// </summary>
public static class IndonesianProvinces
{
    /// <summary>The official name for a name, alias or BPS code (the value an owner's answer is saved as).</summary>
    public static bool TryGetName(string text, out string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = Provinces.TryFind(text, out var province);
        name = found ? province.Name : string.Empty;
        return found;
    }

    /// <summary>The province's offset from UTC (WIB +7, WITA +8, WIT +9); null for a name that is not a province.</summary>
    public static TimeSpan? UtcOffset(string officialName)
    {
        ArgumentNullException.ThrowIfNull(officialName);
        if (!Provinces.TryFind(officialName, out var province))
        {
            return null;
        }

        return province.TimeZone switch
        {
            "WITA" => TimeSpan.FromHours(8),
            "WIT" => TimeSpan.FromHours(9),
            _ => TimeSpan.FromHours(7),
        };
    }

    /// <summary>Every name in use (official names, then short forms such as Sumbar) with the official name: what a "did you mean" picks from.</summary>
    public static IEnumerable<(string Written, string Name)> Names() =>
        Provinces.Names.Select(n => (n.Written, n.Province.Name));

    /// <summary>Every official name with its offset from UTC.</summary>
    public static IEnumerable<(string Name, TimeSpan UtcOffset)> All() =>
        Provinces.All.Select(p => (p.Name, UtcOffset(p.Name)!.Value));
}
