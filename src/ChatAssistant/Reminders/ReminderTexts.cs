using System.Text;
using ChatAssistant.Shared;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Reminders;

/// <summary>
/// What each reminder kind says, in each language, with its button's label and the WhatsApp template it goes as
/// outside the 24-hour window: read once at start from reminders.yaml (maintainers change wording there, not code).
/// </summary>
internal sealed class ReminderTexts
{
    private readonly Dictionary<ReminderKind, KindText> _kinds;
    private readonly Dictionary<ReminderTopic, Dictionary<string, string>> _topics;

    private ReminderTexts(Dictionary<ReminderKind, KindText> kinds, Dictionary<ReminderTopic, Dictionary<string, string>> topics)
    {
        _kinds = kinds;
        _topics = topics;
    }

    /// <summary>One kind's texts: by language, the message and the button label; the template and its parameters (field names, in order).</summary>
    internal sealed record KindText(IReadOnlyDictionary<string, string> Text, IReadOnlyDictionary<string, string>? Button, string? TemplateName, IReadOnlyList<string> TemplateParameters);

    /// <summary>No texts file: nothing can be said, so no reminder is sent (a dialogs folder without data/reminders.yaml).</summary>
    public static ReminderTexts None { get; } = new([], []);

    /// <summary>Whether <paramref name="kind"/> has a text, and so can be sent.</summary>
    public bool Has(ReminderKind kind) => _kinds.ContainsKey(kind);

    /// <summary>The message for <paramref name="kind"/> in <paramref name="language"/> (Indonesian when it has none), with <c>{field}</c>s filled in.</summary>
    public string Text(ReminderKind kind, string language, IReadOnlyDictionary<string, string> fields) =>
        Fill(Pick(_kinds[kind].Text, language), fields);

    /// <summary>The button's label, or null for a reminder without one.</summary>
    public string? Button(ReminderKind kind, string language) =>
        _kinds[kind].Button is { } labels ? Pick(labels, language) : null;

    /// <summary>The approved WhatsApp template's name for this kind, or null when none is named.</summary>
    public string? TemplateName(ReminderKind kind) => _kinds[kind].TemplateName;

    /// <summary>The template's body parameters: the fields, in order.</summary>
    public IReadOnlyList<string> TemplateParameters(ReminderKind kind, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return [.. _kinds[kind].TemplateParameters.Select(name => fields.TryGetValue(name, out var value) ? value : string.Empty)];
    }

    /// <summary>How a topic is named to owners (/pengingat).</summary>
    public string Topic(ReminderTopic topic, string language) =>
        _topics.TryGetValue(topic, out var names) ? Pick(names, language) : topic.Name();

    public static ReminderTexts Load(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ReminderTextsException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "kinds") is not YamlMappingNode kindsNode)
        {
            throw new ReminderTextsException($"{path}: expected a mapping with 'kinds' (one entry per reminder kind).");
        }

        var errors = new List<string>();
        var kinds = new Dictionary<ReminderKind, KindText>();
        foreach (var (keyNode, valueNode) in kindsNode.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!ReminderKinds.TryParse(name, out var kind))
            {
                errors.Add($"{At(path, keyNode)}: unknown reminder kind '{name}'{Closest.Hint(Closest.To(name, ReminderKinds.All.Select(k => k.Name()).ToList()), english: true)}; the kinds are {string.Join(", ", ReminderKinds.All.Select(k => k.Name()))}.");
                continue;
            }

            if (valueNode is not YamlMappingNode map || Texts(path, Child(map, "text"), errors) is not { } text)
            {
                errors.Add($"{At(path, valueNode)}: '{name}' needs a text: {{ id: ..., en: ... }}.");
                continue;
            }

            var button = Child(map, "button") is { } buttonNode ? Texts(path, buttonNode, errors) : null;
            string? template = null;
            var parameters = new List<string>();
            if (Child(map, "whatsapp_template") is YamlMappingNode templateNode)
            {
                template = (Child(templateNode, "name") as YamlScalarNode)?.Value;
                if (Child(templateNode, "parameters") is YamlSequenceNode list)
                {
                    parameters.AddRange(list.OfType<YamlScalarNode>().Select(p => p.Value ?? string.Empty));
                }
            }

            kinds[kind] = new KindText(text, button, template, parameters);
        }

        foreach (var kind in ReminderKinds.All.Where(k => !kinds.ContainsKey(k)))
        {
            errors.Add($"{path}: no text for the reminder kind '{kind.Name()}'.");
        }

        var topics = new Dictionary<ReminderTopic, Dictionary<string, string>>();
        if (Child(root, "topics") is YamlMappingNode topicsNode)
        {
            foreach (var (keyNode, valueNode) in topicsNode.Children)
            {
                if (ReminderTopics.TryParse((keyNode as YamlScalarNode)?.Value ?? string.Empty, out var topic) && Texts(path, valueNode, errors) is { } names)
                {
                    topics[topic] = names;
                }
            }
        }

        return errors.Count > 0 ? throw new ReminderTextsException(string.Join(Environment.NewLine, errors)) : new ReminderTexts(kinds, topics);
    }

    private static Dictionary<string, string>? Texts(string path, YamlNode? node, List<string> errors)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { Length: > 0 } plain }:
                return new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = plain };
            case YamlMappingNode map:
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (language, value) in map.Children)
                {
                    if (language is YamlScalarNode { Value: { } code } && value is YamlScalarNode { Value: { Length: > 0 } text })
                    {
                        texts[code] = text;
                    }
                }

                if (!texts.ContainsKey("id"))
                {
                    errors.Add($"{At(path, node)}: every text needs Indonesian (id:).");
                    return null;
                }

                return texts;
            default:
                return null;
        }
    }

    private static string Pick(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text : texts["id"];

    private static string Fill(string text, IReadOnlyDictionary<string, string> fields)
    {
        var builder = new StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                builder.Append(text, i, text.Length - i);
                break;
            }

            builder.Append(text, i, open - i);
            var name = text.Substring(open + 1, close - open - 1);
            builder.Append(fields.TryGetValue(name, out var value) ? value : text.Substring(open, close - open + 1));
            i = close + 1;
        }

        return builder.ToString();
    }

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string At(string path, YamlNode node) => $"{path}:{node.Start.Line}:{node.Start.Column}";
}

/// <summary>reminders.yaml does not read: every problem, each with its line.</summary>
internal sealed class ReminderTextsException(string message) : DataFileException(message);
