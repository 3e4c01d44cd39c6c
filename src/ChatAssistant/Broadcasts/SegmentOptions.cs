using System.CommandLine;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;

namespace ChatAssistant.Broadcasts;

/// <summary>The segment filters as command-line options, named as in chat (<c>--province</c> = <c>province=</c>).</summary>
internal sealed class SegmentOptions
{
    private readonly List<(string Name, Option<string?> Option)> _options = [];

    public SegmentOptions()
    {
        foreach (var (name, _, example) in SegmentParser.Filters)
        {
            _options.Add((name, new Option<string?>("--" + name) { Description = Describe(name, example) }));
        }
    }

    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The segment the options give; false (with every problem on stderr) when one is wrong.</summary>
    public bool TryRead(ParseResult parse, out BroadcastSegment segment)
    {
        var filters = _options
            .Select(o => (o.Name, Value: parse.GetValue(o.Option)))
            .Where(o => o.Value is not null)
            .Select(o => KeyValuePair.Create(o.Name, o.Value!));
        if (SegmentParser.TryCreate(filters, Languages.English, out segment, out var errors))
        {
            return true;
        }

        foreach (var error in errors)
        {
            Console.Error.WriteLine("broadcast: " + error);
        }

        return false;
    }

    private static string Describe(string name, string example) => name switch
    {
        "province" => $"Owners in these provinces (names, short forms or BPS codes, comma-separated), e.g. \"{example}\".",
        "sector" => $"Business sector values as the dialogs save them (comma-separated), e.g. {example}.",
        "class" => "Business class: micro, small, medium or large (comma-separated).",
        "language" => "Owners who chose this language: id or en.",
        "outcome" => $"Whose latest finished conversation of a dialog ended so: DIALOG:OUTCOME, e.g. {example}.",
        "answer" => $"Whose latest saved answer to a key is a value: KEY:VALUE, e.g. {example} (eligible for KUR Micro).",
        "registered" => "Owners registered (seat or waiting list) for this training programme.",
        "not-registered" => "Owners not registered for this training programme.",
        "export-score-min" => "Owners whose export-readiness score is at least this (0-100).",
        "active-since" => $"Owners who wrote to the assistant on or after this date (WIB), e.g. {example}.",
        "channel" => "Owners on this chat app only: telegram or whatsapp.",
        _ => name,
    };
}
