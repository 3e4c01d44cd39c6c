using System.Globalization;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Training;

/// <summary>
/// The training programmes of <c>dialogs/data/training-programs.yaml</c>, read and checked once at start. Every
/// problem of the file is reported at once, as <c>file:line:column: message</c>.
/// </summary>
internal sealed class TrainingCatalog
{
    private static readonly string[] ProgramKeys =
        ["id", "title", "organiser", "contact", "mode", "location", "start", "end", "capacity", "deadline", "who", "description"];

    private static readonly string[] WhoKeys = ["sectors", "provinces", "scales"];

    private static readonly string[] KnownScales = ["micro", "small", "medium", "large"];

    private readonly Dictionary<string, TrainingProgram> _byId;

    public TrainingCatalog(IReadOnlyList<TrainingProgram> programs, bool isSample = false)
    {
        IsSample = isSample;
        Programs = programs;
        _byId = programs.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<TrainingProgram> Programs { get; }

    /// <summary>
    /// <c>sample: true</c> at the top of the file: the programmes are examples shipped with the assistant, and owners
    /// are told so, until operators replace the file with their real programmes.
    /// </summary>
    public bool IsSample { get; }

    /// <summary>The programmes open on <paramref name="today"/>, soonest deadline first: the order owners see them in.</summary>
    public IEnumerable<TrainingProgram> Open(DateOnly today) => Programs
        .Where(p => p.IsOpen(today))
        .OrderBy(p => p.Deadline)
        .ThenBy(p => p.Id, StringComparer.Ordinal);

    public TrainingProgram? Find(string id) => _byId.GetValueOrDefault(id);

    public static TrainingCatalog Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TrainingCatalogException($"{path}: the training catalogue cannot be read: {ex.Message}");
        }

        return Parse(path, text);
    }

    public static TrainingCatalog Parse(string path, string text)
    {
        var errors = new List<string>();
        var programs = new List<TrainingProgram>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new TrainingCatalogException($"{path}:{ex.Start.Line}:{ex.Start.Column}: YAML syntax: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("programs"), out var list) || list is not YamlSequenceNode items)
        {
            throw new TrainingCatalogException($"{path}:1:1: the training catalogue is a mapping with 'programs:', a list of programmes");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (item is not YamlMappingNode map)
            {
                errors.Add($"{At(path, item)}: a programme is a mapping with id, title, dates, capacity...");
                continue;
            }

            var reader = new Reader(path, map, errors);
            if (reader.Read() is { } program)
            {
                if (!ids.Add(program.Id))
                {
                    errors.Add($"{At(path, map)}: another programme already has the id '{program.Id}'");
                }

                programs.Add(program);
            }
        }

        if (errors.Count > 0)
        {
            throw new TrainingCatalogException(string.Join(Environment.NewLine, errors));
        }

        var sample = root.Children.TryGetValue(new YamlScalarNode("sample"), out var flag) && flag is YamlScalarNode { Value: "true" or "yes" };
        return new TrainingCatalog(programs, sample);
    }

    private static string At(string path, YamlNode node) => $"{path}:{node.Start.Line}:{node.Start.Column}";

    private sealed class Reader(string path, YamlMappingNode map, List<string> errors)
    {
        private readonly int _errorsBefore = errors.Count;

        public TrainingProgram? Read()
        {
            foreach (var key in map.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } name } && Array.IndexOf(ProgramKeys, name) < 0)
                {
                    Error(key, $"unknown key '{name}'; a programme has {string.Join(", ", ProgramKeys)}");
                }
            }

            var id = Text("id");
            if (id is not null && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                Error(map, $"the id '{id}' may have only letters, digits, '-' and '_'");
            }

            var title = Localized("title");
            var organiser = Text("organiser");
            var contact = Node("contact") is YamlScalarNode { Value: { Length: > 0 } written } ? written : null;
            var location = Text("location");
            var mode = Text("mode") switch
            {
                "online" => TrainingMode.Online,
                "offline" => TrainingMode.Offline,
                "hybrid" => TrainingMode.Hybrid,
                null => TrainingMode.Online,
                var other => Fail("mode", $"mode is online, offline or hybrid, not '{other}'"),
            };
            var start = Date("start");
            var end = Date("end");
            var deadline = Date("deadline");
            var capacity = 0;
            if (Text("capacity") is { } capacityText && (!int.TryParse(capacityText, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity < 1))
            {
                Error(Node("capacity")!, $"capacity is a whole number of seats, at least 1, not '{capacityText}'");
            }

            if (start > end)
            {
                Error(Node("end")!, "the programme ends before it starts");
            }

            if (deadline > start)
            {
                Error(Node("deadline")!, "the registration deadline is after the programme starts");
            }

            var description = Localized("description");
            var sectors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var provinces = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var scales = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Node("who") is { } who)
            {
                if (who is not YamlMappingNode whoMap)
                {
                    Error(who, "'who' is a mapping with sectors, provinces and scales (lists; empty or missing means everyone)");
                }
                else
                {
                    foreach (var (keyNode, valueNode) in whoMap.Children)
                    {
                        var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                        var target = key switch
                        {
                            "sectors" => sectors,
                            "provinces" => provinces,
                            "scales" => scales,
                            _ => null,
                        };
                        if (target is null || valueNode is not YamlSequenceNode values)
                        {
                            Error(keyNode, $"'who' has {string.Join(", ", WhoKeys)}, each a list");
                            continue;
                        }

                        foreach (var value in values.OfType<YamlScalarNode>())
                        {
                            var entry = value.Value ?? string.Empty;
                            if (entry.Length == 0)
                            {
                                Error(value, $"an entry of '{key}' is empty");
                            }
                            else if (key == "scales" && Array.IndexOf(KnownScales, entry) < 0)
                            {
                                Error(value, $"a scale is one of {string.Join(", ", KnownScales)}, not '{entry}'");
                            }

                            target.Add(entry);
                        }
                    }
                }
            }

            return errors.Count > _errorsBefore
                ? null
                : new TrainingProgram(id!, title!, organiser!, mode, location!, start, end, capacity, deadline, sectors, provinces, scales, description!) { Contact = contact };
        }

        private TrainingMode Fail(string key, string message)
        {
            Error(Node(key)!, message);
            return TrainingMode.Online;
        }

        private YamlNode? Node(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        private string? Text(string key)
        {
            var node = Node(key);
            if (node is null)
            {
                Error(map, $"the programme has no '{key}'");
                return null;
            }

            if (node is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                Error(node, $"'{key}' is one value");
                return null;
            }

            return value;
        }

        private DateOnly Date(string key)
        {
            if (Text(key) is not { } text)
            {
                return default;
            }

            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Error(Node(key)!, $"'{key}' is a date written YYYY-MM-DD, not '{text}'");
            }

            return date;
        }

        private LocalizedText? Localized(string key)
        {
            var node = Node(key);
            if (node is null)
            {
                Error(map, $"the programme has no '{key}'");
                return null;
            }

            if (node is not YamlMappingNode texts
                || !texts.Children.TryGetValue(new YamlScalarNode(Languages.Indonesian), out var indonesian)
                || !texts.Children.TryGetValue(new YamlScalarNode(Languages.English), out var english)
                || indonesian is not YamlScalarNode { Value.Length: > 0 } id
                || english is not YamlScalarNode { Value.Length: > 0 } en)
            {
                Error(node, $"'{key}' is written in both languages: {{ id: ..., en: ... }}");
                return null;
            }

            return LocalizedText.Of(id.Value!, en.Value!);
        }

        private void Error(YamlNode node, string message) => errors.Add($"{At(path, node)}: {message}");
    }
}
