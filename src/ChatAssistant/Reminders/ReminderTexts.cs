using System.Text;
using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Shared;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Reminders;

/// <summary>
/// What each reminder kind says, in each language, with its button's label and the WhatsApp template it goes as
/// outside the 24-hour window: read once at start from reminders.yaml (maintainers change wording there, not code).
/// Every problem of the file is reported at once, each as <c>file:line:column</c>, so that a maintainer fixes the
/// file in one go and learns it before owners would (<c>dialogs validate</c> checks it too).
/// </summary>
internal sealed class ReminderTexts
{
    /// <summary>Telegram's longest message, and WhatsApp's longest text message (/work/shared/CHANNELS.md).</summary>
    public const int MaxText = 4096;

    /// <summary>
    /// WhatsApp's longest body of an interactive message, which a reminder with a button is: a longer text is split,
    /// its head sent as a message of its own before the button, so the reminder would arrive in two pieces.
    /// </summary>
    public const int MaxTextWithButton = 1024;

    /// <summary>WhatsApp's longest reply-button title; a longer label makes the button a list to open.</summary>
    public const int MaxButtonLabel = 20;

    private static readonly string[] RootKeys = ["kinds", "topics"];
    private static readonly string[] KindKeys = ["text", "button", "whatsapp_template"];
    private static readonly string[] TemplateKeys = ["name", "parameters"];

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

    /// <summary>
    /// The approved utility templates named for a kind whose number of body parameters is not the number of fields
    /// reminders.yaml passes: WhatsApp refuses every such send, so each of those reminders outside the window would
    /// fail. Said at start; the two files are edited apart, so neither can check the other alone.
    /// </summary>
    public IReadOnlyList<(ReminderKind Kind, ApprovedTemplate Template, int Passed)> MismatchedTemplates(WhatsAppTemplateOptions templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return [.. _kinds
            .Where(k => k.Value.TemplateName is not null)
            .OrderBy(k => k.Key)
            .SelectMany(k => templates.Named(k.Value.TemplateName!)
                .Where(t => string.Equals(t.Category, "utility", StringComparison.Ordinal) && t.Parameters != k.Value.TemplateParameters.Count)
                .Select(t => (k.Key, t, k.Value.TemplateParameters.Count)))];
    }

    /// <summary>How a topic is named to owners (/pengingat).</summary>
    public string Topic(ReminderTopic topic, string language) =>
        _topics.TryGetValue(topic, out var names) ? Pick(names, language) : topic.Name();

    /// <summary>The texts of the file at <paramref name="path"/>, or <see cref="ReminderTextsException"/> with every problem, one a line.</summary>
    public static ReminderTexts Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ReminderTextsException($"{path}: the reminder texts cannot be read: {ex.Message}");
        }

        return Parse(path, text);
    }

    /// <summary>The texts of <paramref name="text"/>, read from <paramref name="path"/> (named in the problems).</summary>
    public static ReminderTexts Parse(string path, string text)
    {
        var (texts, problems) = Read(path, text);
        return problems.Count > 0 || texts is null
            ? throw new ReminderTextsException(string.Join(Environment.NewLine, problems))
            : texts;
    }

    /// <summary>
    /// Every problem of the file at <paramref name="path"/> (shown as <paramref name="shown"/>), as <c>dialogs validate</c>
    /// prints them; none when it reads. The worker refuses to start on the same problems.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(string path, string shown)
    {
        try
        {
            return Read(shown, File.ReadAllText(path, Encoding.UTF8)).Problems;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new Diagnostic(new SourcePosition(shown, 1, 1), DiagnosticSeverity.Error, DiagnosticCodes.FileRefused, $"the reminder texts cannot be read: {ex.Message}")];
        }
    }

    private static (ReminderTexts? Texts, List<Diagnostic> Problems) Read(string path, string text)
    {
        var problems = new List<Diagnostic>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Add(new Diagnostic(new SourcePosition(path, (int)ex.Start.Line, (int)ex.Start.Column), DiagnosticSeverity.Error, DiagnosticCodes.YamlSyntax, $"YAML syntax: {ex.Message}"));
            return (null, problems);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "kinds") is not YamlMappingNode kindsNode)
        {
            problems.Add(new Diagnostic(new SourcePosition(path, 1, 1), DiagnosticSeverity.Error, DiagnosticCodes.MissingField, "the reminder texts are a mapping with 'kinds:' (one entry per reminder kind) and 'topics:' (their names in /pengingat)."));
            return (null, problems);
        }

        var reader = new Reader(path, problems);
        reader.Keys(root, RootKeys, "the file");
        var kinds = new Dictionary<ReminderKind, KindText>();
        foreach (var (keyNode, valueNode) in kindsNode.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!ReminderKinds.TryParse(name, out var kind))
            {
                reader.Error(keyNode, DiagnosticCodes.UnknownKey, $"unknown reminder kind '{name}'{Closest.Hint(Closest.To(name, ReminderKinds.All.Select(k => k.Name())), english: true)}; the kinds are {string.Join(", ", ReminderKinds.All.Select(k => k.Name()))}.");
                continue;
            }

            if (reader.Kind(kind, valueNode) is { } read)
            {
                kinds[kind] = read;
            }
        }

        foreach (var kind in ReminderKinds.All.Where(k => !kinds.ContainsKey(k) && !Named(kindsNode, k.Name())))
        {
            reader.Error(KeyOf(root, kindsNode), DiagnosticCodes.MissingField, $"no text for the reminder kind '{kind.Name()}'; every kind needs one (its fields: {Braced(ReminderFields.Of(kind))}).");
        }

        var topics = new Dictionary<ReminderTopic, Dictionary<string, string>>();
        if (Child(root, "topics") is { } topicsValue)
        {
            if (topicsValue is not YamlMappingNode topicsNode)
            {
                reader.Error(topicsValue, DiagnosticCodes.BadValue, $"'topics' names each topic owners turn off or on: {string.Join(", ", ReminderTopics.All.Select(t => t.Name()))}, each {{ id: ..., en: ... }}.");
            }
            else
            {
                foreach (var (keyNode, valueNode) in topicsNode.Children)
                {
                    var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                    if (!ReminderTopics.TryParse(name, out var topic))
                    {
                        reader.Error(keyNode, DiagnosticCodes.UnknownKey, $"unknown topic '{name}'{Closest.Hint(Closest.To(name, ReminderTopics.All.Select(t => t.Name())), english: true)}; the topics are {string.Join(", ", ReminderTopics.All.Select(t => t.Name()))}.");
                    }
                    else if (reader.Texts(valueNode, $"the topic '{name}'", fields: [], limit: MaxText) is { } names)
                    {
                        topics[topic] = names;
                    }
                }

                // Owners read these names in /pengingat: a missing one would show them the stored key instead.
                foreach (var topic in ReminderTopics.All.Where(t => !topics.ContainsKey(t) && !Named(topicsNode, t.Name())))
                {
                    reader.Error(KeyOf(root, topicsNode), DiagnosticCodes.MissingField, $"no name for the topic '{topic.Name()}'; every topic needs one.");
                }
            }
        }

        // In file order, as a maintainer reads the file (and as dialogs validate prints).
        problems.Sort((a, b) => (a.Position.Line, a.Position.Column).CompareTo((b.Position.Line, b.Position.Column)));
        return (problems.Count == 0 ? new ReminderTexts(kinds, topics) : null, problems);
    }

    private static string Pick(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text : texts[Languages.Indonesian];

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

    /// <summary>The <c>{field}</c>s <paramref name="text"/> shows, in order; an unclosed brace is one named null.</summary>
    private static IEnumerable<string?> Placeholders(string text)
    {
        var i = 0;
        while ((i = text.IndexOf('{', i)) >= 0)
        {
            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                yield return null;
                yield break;
            }

            yield return text.Substring(i + 1, close - i - 1);
            i = close + 1;
        }
    }

    /// <summary>The key <paramref name="value"/> is written under: where a missing entry of it is reported.</summary>
    private static YamlNode KeyOf(YamlMappingNode map, YamlNode value) => map.Children.First(c => ReferenceEquals(c.Value, value)).Key;

    private static bool Named(YamlMappingNode map, string key) => map.Children.ContainsKey(new YamlScalarNode(key));

    private static string Braced(IEnumerable<string> fields) => string.Join(" ", fields.Select(f => "{" + f + "}")) is { Length: > 0 } list ? list : "none";

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>Reads one file's parts, adding each problem with its place to <paramref name="problems"/>.</summary>
    private sealed class Reader(string path, List<Diagnostic> problems)
    {
        public void Error(YamlNode node, string code, string message) =>
            problems.Add(new Diagnostic(new SourcePosition(path, (int)node.Start.Line, (int)node.Start.Column), DiagnosticSeverity.Error, code, message));

        /// <summary>Refuses keys of <paramref name="map"/> not in <paramref name="known"/>, with the closest one as a hint.</summary>
        public void Keys(YamlMappingNode map, string[] known, string what)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (Array.IndexOf(known, name) < 0)
                {
                    Error(key, DiagnosticCodes.UnknownKey, $"unknown key '{name}'{Closest.Hint(Closest.To(name, known), english: true)}; {what} has {string.Join(", ", known)}.");
                }
            }
        }

        public KindText? Kind(ReminderKind kind, YamlNode node)
        {
            var name = kind.Name();
            if (node is not YamlMappingNode map)
            {
                Error(node, DiagnosticCodes.BadValue, $"'{name}' is a mapping with text: {{ id: ..., en: ... }}, and optionally button and whatsapp_template.");
                return null;
            }

            var before = problems.Count;
            Keys(map, KindKeys, $"the kind '{name}'");
            var fields = ReminderFields.Of(kind);
            var buttonNode = Child(map, "button");
            var button = buttonNode is not null ? Texts(buttonNode, $"the button of '{name}'", fields: [], limit: MaxButtonLabel) : null;
            Dictionary<string, string>? text = null;
            if (Child(map, "text") is not { } textNode)
            {
                Error(map, DiagnosticCodes.MissingField, $"'{name}' needs a text: {{ id: ..., en: ... }}.");
            }
            else
            {
                text = Texts(textNode, $"the text of '{name}'", fields, buttonNode is null ? MaxText : MaxTextWithButton);
            }

            var (template, parameters) = Child(map, "whatsapp_template") is { } templateNode ? Template(kind, templateNode) : (null, []);
            return problems.Count == before && text is not null ? new KindText(text, button, template, parameters) : null;
        }

        /// <summary>
        /// A text by language ({ id: ..., en: ... }, or a plain string for Indonesian only): Indonesian required, each
        /// language known, each <c>{field}</c> one <paramref name="fields"/> has, none longer than <paramref name="limit"/>.
        /// </summary>
        public Dictionary<string, string>? Texts(YamlNode node, string what, IReadOnlyList<string> fields, int limit)
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var before = problems.Count;
            switch (node)
            {
                case YamlScalarNode scalar:
                    Text(scalar, Languages.Indonesian, what, fields, limit, texts);
                    break;
                case YamlMappingNode map:
                    foreach (var (languageNode, valueNode) in map.Children)
                    {
                        var language = (languageNode as YamlScalarNode)?.Value ?? string.Empty;
                        if (!Languages.IsKnown(language))
                        {
                            Error(languageNode, DiagnosticCodes.UnknownKey, $"unknown language '{language}'{Closest.Hint(Closest.To(language, Languages.All), english: true)} in {what}; the languages are {string.Join(", ", Languages.All)}.");
                        }
                        else if (valueNode is not YamlScalarNode scalar)
                        {
                            Error(valueNode, DiagnosticCodes.BadValue, $"{what} in '{language}' is one string.");
                        }
                        else
                        {
                            Text(scalar, language, what, fields, limit, texts);
                        }
                    }

                    if (!map.Children.ContainsKey(new YamlScalarNode(Languages.Indonesian)))
                    {
                        // Indonesian is what every owner without another language reads: the fallback must be there.
                        Error(node, DiagnosticCodes.MissingTranslation, $"{what} needs Indonesian (id:); English (en:) is optional.");
                    }

                    break;
                default:
                    Error(node, DiagnosticCodes.BadValue, $"{what} is {{ id: ..., en: ... }} (Indonesian required).");
                    break;
            }

            return problems.Count == before ? texts : null;
        }

        private void Text(YamlScalarNode scalar, string language, string what, IReadOnlyList<string> fields, int limit, Dictionary<string, string> texts)
        {
            var text = scalar.Value ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(scalar, DiagnosticCodes.MissingField, $"{what} in '{language}' is empty.");
                return;
            }

            foreach (var field in Placeholders(text).Distinct(StringComparer.Ordinal))
            {
                if (field is null)
                {
                    Error(scalar, DiagnosticCodes.BadValue, $"{what} in '{language}' opens a '{{' it never closes; a field is written {{title}}.");
                }
                else if (!fields.Contains(field, StringComparer.Ordinal))
                {
                    var hint = Closest.Hint(Closest.To(field, fields), english: true);
                    Error(scalar, DiagnosticCodes.UnknownAnswer, fields.Count == 0
                        ? $"{what} in '{language}' shows {{{field}}}, but it has no fields."
                        : $"{what} in '{language}' shows {{{field}}}{hint}, which this kind does not provide; it has {Braced(fields)}.");
                }
            }

            if (text.Length > limit)
            {
                Error(scalar, DiagnosticCodes.ChannelLimit, $"{what} in '{language}' is {text.Length} characters, over the {limit} {(limit == MaxButtonLabel ? "of a WhatsApp reply button" : limit == MaxTextWithButton ? "of a WhatsApp message with a button" : "of a Telegram or WhatsApp message")}; shorten it.");
            }

            texts[language] = text;
        }

        private (string? Name, IReadOnlyList<string> Parameters) Template(ReminderKind kind, YamlNode node)
        {
            var what = $"the whatsapp_template of '{kind.Name()}'";
            if (node is not YamlMappingNode map)
            {
                Error(node, DiagnosticCodes.BadValue, $"{what} is {{ name: ..., parameters: [field, ...] }}.");
                return (null, []);
            }

            Keys(map, TemplateKeys, what);
            string? name = null;
            if (Child(map, "name") is not YamlScalarNode { Value: { Length: > 0 } written } nameNode)
            {
                Error(map, DiagnosticCodes.MissingField, $"{what} needs the name it was approved under in WhatsApp Manager.");
            }
            else if (!written.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                Error(nameNode, DiagnosticCodes.BadValue, $"{what} is named '{written}'; an approved template's name has only lowercase letters, digits and _.");
            }
            else
            {
                name = written;
            }

            var fields = ReminderFields.Of(kind);
            var parameters = new List<string>();
            switch (Child(map, "parameters"))
            {
                case null:
                    break;
                case YamlSequenceNode list:
                    foreach (var item in list)
                    {
                        var field = (item as YamlScalarNode)?.Value ?? string.Empty;
                        if (!fields.Contains(field, StringComparer.Ordinal))
                        {
                            Error(item, DiagnosticCodes.UnknownAnswer, $"the template parameter '{field}'{Closest.Hint(Closest.To(field, fields), english: true)} is not a field of '{kind.Name()}'; it has {Braced(fields)}.");
                        }

                        parameters.Add(field);
                    }

                    break;
                case var other:
                    Error(other, DiagnosticCodes.BadValue, $"the parameters of {what} are a list of fields, in the order of {{{{1}}}}, {{{{2}}}}...: [{string.Join(", ", fields)}].");
                    break;
            }

            return (name, parameters);
        }
    }
}

/// <summary>
/// The <c>{field}</c>s each reminder kind provides: what its source's <see cref="ReminderCheck.Send"/> fills in, and
/// so the only ones reminders.yaml may show or pass to a template. The one list; the file's comment repeats it.
/// </summary>
internal static class ReminderFields
{
    public const string Title = "title";
    public const string Start = "start";
    public const string End = "end";
    public const string Place = "place";
    public const string Code = "code";
    public const string Contact = "contact";
    public const string Deadline = "deadline";
    public const string Dialog = "dialog";
    public const string Date = "date";
    public const string Score = "score";

    private static readonly string[] Training = [Title, Start, End, Place, Code, Contact];
    private static readonly string[] Deadlines = [Title, Deadline];
    private static readonly string[] Unfinished = [Dialog];
    private static readonly string[] Export = [Date, Score];

    public static IReadOnlyList<string> Of(ReminderKind kind) => kind switch
    {
        ReminderKind.TrainingIn3Days or ReminderKind.TrainingIn1Day or ReminderKind.TrainingFollowUp => Training,
        ReminderKind.Deadline => Deadlines,
        ReminderKind.Unfinished => Unfinished,
        ReminderKind.ExportRecheck => Export,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>reminders.yaml does not read: every problem, each with its line.</summary>
internal sealed class ReminderTextsException(string message) : DataFileException(message);
