using System.Globalization;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Who an announcement is for: filters over what the assistant knows of each owner. No filter means every
/// owner who has not opted out and is reachable. The same filters, with the same names, come from the command
/// line (<c>--province "Sumatera Barat"</c>) and from an operator's chat (<c>provinsi=Sumbar</c>); the canonical
/// text (<see cref="ToString"/>) is what a broadcast stores and parses again when a scheduled one starts.
/// Reading operators' text is <see cref="SegmentParser"/>'s; the SQL a segment becomes is <see cref="SegmentSql"/>'s.
/// </summary>
internal sealed record BroadcastSegment
{
    public static BroadcastSegment Everyone { get; } = new();

    public IReadOnlyList<string> Provinces { get; init; } = [];

    public IReadOnlyList<string> Sectors { get; init; } = [];

    /// <summary>Business classes (profile scale): micro, small, medium, large.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    public string? Language { get; init; }

    /// <summary>The owner's latest finished conversation of this dialog ended with <see cref="Outcome"/>.</summary>
    public string? OutcomeDialog { get; init; }

    public string? Outcome { get; init; }

    /// <summary>The answer saved under this key in the owner's latest finished conversation that has it, e.g. kur_result.</summary>
    public string? AnswerKey { get; init; }

    public string? AnswerValue { get; init; }

    public string? RegisteredFor { get; init; }

    public string? NotRegisteredFor { get; init; }

    public decimal? MinExportScore { get; init; }

    public DateOnly? ActiveSince { get; init; }

    /// <summary>Owners on this chat app only (<see cref="Shared.ChannelNames.Telegram"/> or <see cref="Shared.ChannelNames.WhatsApp"/>).</summary>
    public string? Channel { get; init; }

    public bool IsEveryone => ToString().Length == 0;

    /// <summary>The canonical text, e.g. <c>province=Sumatera Barat,Riau; class=micro</c>; empty for everyone.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        Add("province", Provinces.Count > 0 ? string.Join(',', Provinces) : null);
        Add("sector", Sectors.Count > 0 ? string.Join(',', Sectors) : null);
        Add("class", Classes.Count > 0 ? string.Join(',', Classes) : null);
        Add("language", Language);
        Add("outcome", OutcomeDialog is null ? null : OutcomeDialog + ":" + Outcome);
        Add("answer", AnswerKey is null ? null : AnswerKey + ":" + AnswerValue);
        Add("registered", RegisteredFor);
        Add("not-registered", NotRegisteredFor);
        Add("export-score-min", MinExportScore?.ToString(CultureInfo.InvariantCulture));
        Add("active-since", ActiveSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("channel", Channel);
        return string.Join("; ", parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + value);
            }
        }
    }
}
