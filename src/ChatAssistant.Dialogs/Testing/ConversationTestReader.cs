using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// Reads a conversation-test file, reporting every mistake with its line and column as the dialog loader does,
/// so that a maintainer fixes a test file the same way as a dialog file. The host reads the file; this reads text.
/// </summary>
public sealed class ConversationTestReader
{
    private static readonly string[] RootKeys = ["dialog", "choices", "actions", "cases"];
    private static readonly string[] CaseKeys = ["name", "language", "operator", "profile", "choices", "actions", "turns", "outcome", "status", "answers"];
    private static readonly string[] TurnKeys = ["send", "tap", "reply", "not_contains", "buttons", "step"];
    private static readonly string[] OptionKeys = ["value", Languages.Indonesian, Languages.English];
    private static readonly string[] Statuses = ["active", "paused", "completed", "cancelled"];

    private readonly string _file;
    private readonly List<Diagnostic> _diagnostics = [];

    private ConversationTestReader(string file) => _file = file;

    public static ConversationTestReadResult Read(DialogSource source)
    {
        var reader = new ConversationTestReader(source.Path);
        var file = reader.ReadFile(source.Text);
        return new ConversationTestReadResult(reader._diagnostics.Any(d => d.IsError) ? null : file, reader._diagnostics);
    }

    private ConversationTestFile? ReadFile(string text)
    {
        if (!YamlEventCheck.Check(new DialogSource(_file, text), _diagnostics))
        {
            return null;
        }

        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            // Same treatment as dialog files: YamlDotNet's message without its "(Line: .., Col: ..)" prefix,
            // and the last event read when the exception itself carries no position.
            var message = ex.InnerException?.Message ?? ex.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            var at = ex.Start.Index == 0 && parser.Current is { End.Index: > 0 } last ? last.End : ex.Start;
            Error(new SourcePosition(_file, (int)at.Line, (int)at.Column), DiagnosticCodes.YamlSyntax, cut >= 0 ? message[(cut + 3)..] : message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on a '[' or '{' left open before a "key: value" line.
            var at = parser.Current?.End ?? Mark.Empty;
            Error(new SourcePosition(_file, (int)at.Line, (int)at.Column), DiagnosticCodes.YamlSyntax,
                "could not read on from here; is a '[' or '{' before it left open?");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(new SourcePosition(_file, 1, 1), DiagnosticCodes.BadValue, "a conversation-test file is a mapping with 'dialog' and 'cases'");
            return null;
        }

        CheckKeys(root, RootKeys, "the test file");
        var dialogNode = root.Get("dialog");
        string? dialog = null;
        if (dialogNode is null)
        {
            Error(root.At(_file), DiagnosticCodes.MissingField, "the test file has no 'dialog' (the id of the dialog it tests)");
        }
        else if (dialogNode.Scalar() is not { Length: > 0 } id || IsNull(dialogNode))
        {
            Error(dialogNode.At(_file), DiagnosticCodes.BadValue, "'dialog' is the id of the dialog the cases test");
        }
        else
        {
            dialog = id;
        }

        var choices = root.Get("choices") is { } choicesNode ? ReadChoices(choicesNode) : [];
        var cases = new List<ConversationTestCase>();
        var casesNode = root.Get("cases");
        if (casesNode is null)
        {
            Error(root.At(_file), DiagnosticCodes.MissingField, "the test file has no 'cases'");
        }
        else if (casesNode is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            Error(casesNode.At(_file), DiagnosticCodes.BadValue, "'cases' is a list of cases, each starting with '- name:'");
        }
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list)
            {
                if (ReadCase(item) is { } testCase)
                {
                    if (!names.Add(testCase.Name))
                    {
                        Error(testCase.Position, DiagnosticCodes.DuplicateId, $"another case is already named '{testCase.Name}'");
                    }

                    cases.Add(testCase);
                }
            }
        }

        var actions = root.Get("actions") is { } actionsNode ? ReadActions(actionsNode) : [];
        return dialog is null ? null : new ConversationTestFile(_file, dialog, dialogNode!.At(_file), choices, cases) { Actions = actions };
    }

    private ConversationTestCase? ReadCase(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node.At(_file), DiagnosticCodes.BadValue, "a case is a mapping with 'name' and 'turns'");
            return null;
        }

        CheckKeys(map, CaseKeys, "a case");
        var nameNode = map.Get("name");
        var name = nameNode?.Scalar();
        if (nameNode is null)
        {
            Error(map.At(_file), DiagnosticCodes.MissingField, "the case has no 'name'");
        }
        else if (string.IsNullOrWhiteSpace(name) || IsNull(nameNode))
        {
            Error(nameNode.At(_file), DiagnosticCodes.BadValue, "'name' says what the case shows, e.g. 'micro business without KUR is eligible'");
            name = null;
        }

        var language = Languages.Indonesian;
        if (map.Get("language") is { } languageNode)
        {
            if (Languages.Normalize(languageNode.Scalar()) is { } known)
            {
                language = known;
            }
            else
            {
                Error(languageNode.At(_file), DiagnosticCodes.BadValue, $"'language' is '{Languages.Indonesian}' (the default) or '{Languages.English}'");
            }
        }

        var isOperator = false;
        if (map.Get("operator") is { } operatorNode)
        {
            if (operatorNode.Scalar()?.ToLowerInvariant() is "true" or "false" or "yes" or "no")
            {
                isOperator = operatorNode.Scalar()!.ToLowerInvariant() is "true" or "yes";
            }
            else
            {
                Error(operatorNode.At(_file), DiagnosticCodes.BadValue, "'operator' is true (the case's person is a programme operator) or false (the default)");
            }
        }

        var profile = map.Get("profile") is { } profileNode ? ReadValues(profileNode, "profile", allowNull: false) : [];
        var choices = map.Get("choices") is { } choicesNode ? ReadChoices(choicesNode) : [];

        var turns = new List<ConversationTestTurn>();
        var turnsNode = map.Get("turns");
        if (turnsNode is null)
        {
            Error(map.At(_file), DiagnosticCodes.MissingField, "the case has no 'turns' (what the owner sends, one per item)");
        }
        else if (turnsNode is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            Error(turnsNode.At(_file), DiagnosticCodes.BadValue, "'turns' is a list, each item '- send: ...' or '- tap: ...'");
        }
        else
        {
            foreach (var item in list)
            {
                if (ReadTurn(item, turns.Count + 1) is { } turn)
                {
                    turns.Add(turn);
                }
            }
        }

        ExpectedText? outcome = null;
        if (map.Get("outcome") is { } outcomeNode)
        {
            outcome = ReadScalar(outcomeNode, "outcome", allowNull: true);
        }

        ExpectedText? status = null;
        if (map.Get("status") is { } statusNode)
        {
            var value = statusNode.Scalar()?.ToLowerInvariant();
            if (value is null || Array.IndexOf(Statuses, value) < 0)
            {
                Error(statusNode.At(_file), DiagnosticCodes.BadValue,
                    $"'status' is one of {string.Join(", ", Statuses)}{Suggestions.DidYouMean(value ?? string.Empty, Statuses)}");
            }
            else
            {
                status = new ExpectedText(value, statusNode.At(_file));
            }
        }

        var answers = map.Get("answers") is { } answersNode ? ReadValues(answersNode, "answers", allowNull: true) : [];
        var actions = map.Get("actions") is { } actionsNode ? ReadActions(actionsNode) : [];
        return name is null ? null : new ConversationTestCase(name, map.At(_file), language, profile, choices, turns, outcome, status, answers) { Actions = actions, Operator = isOperator };
    }

    private ConversationTestTurn? ReadTurn(YamlNode node, int number)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node.At(_file), DiagnosticCodes.BadValue, "a turn is a mapping: '- send: text' or '- tap: button label', then what the reply shows");
            return null;
        }

        CheckKeys(map, TurnKeys, "a turn");
        WarnOnYesNoTexts(map);
        var send = map.Get("send");
        var tap = map.Get("tap");
        if ((send is null) == (tap is null))
        {
            Error(map.At(_file), send is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                "a turn has one of 'send' (what the owner types) or 'tap' (the label of a button of the last reply)");
            return null;
        }

        var action = send is null ? TurnAction.Tap : TurnAction.Send;
        var actionNode = send ?? tap!;
        string? text = null;
        if (actionNode is not YamlScalarNode scalar || IsNull(actionNode))
        {
            Error(actionNode.At(_file), DiagnosticCodes.BadValue, action == TurnAction.Send
                ? "'send' is the text the owner types; write \"\" for an empty message"
                : "'tap' is the label of a button of the last reply");
        }
        else if (action == TurnAction.Tap && string.IsNullOrEmpty(scalar.Value))
        {
            Error(actionNode.At(_file), DiagnosticCodes.BadValue, "'tap' is the label of a button of the last reply");
        }
        else
        {
            text = scalar.Value ?? string.Empty;
        }

        var contains = map.Get("reply") is { } replyNode ? ReadTexts(replyNode, "reply") : [];
        var notContains = map.Get("not_contains") is { } notNode ? ReadTexts(notNode, "not_contains") : [];
        ExpectedButtons? buttons = null;
        if (map.Get("buttons") is { } buttonsNode)
        {
            if (buttonsNode is YamlSequenceNode labels && labels.All(l => l is YamlScalarNode && !IsNull(l)))
            {
                buttons = new ExpectedButtons(labels.Select(l => l.Scalar()!).ToArray(), buttonsNode.At(_file));
            }
            else
            {
                Error(buttonsNode.At(_file), DiagnosticCodes.BadValue, "'buttons' is the list of labels in order, e.g. [Ya, Tidak]; [] for none");
            }
        }

        var step = map.Get("step") is { } stepNode ? ReadScalar(stepNode, "step", allowNull: true) : null;
        return text is null ? null : new ConversationTestTurn(number, map.At(_file), action, text, contains, notContains, buttons, step);
    }

    /// <summary>One text or a list of texts, each of which the reply must (or must not) contain.</summary>
    private List<ExpectedText> ReadTexts(YamlNode node, string key)
    {
        var items = node is YamlSequenceNode list ? list.Children : [node];
        var texts = new List<ExpectedText>();
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value.Length: > 0 } scalar && !IsNull(scalar))
            {
                texts.Add(new ExpectedText(scalar.Value, item.At(_file)));
            }
            else
            {
                Error(item.At(_file), DiagnosticCodes.BadValue, $"'{key}' is a piece of text, or a list of them");
            }
        }

        return texts;
    }

    private ExpectedText? ReadScalar(YamlNode node, string key, bool allowNull)
    {
        if (IsNull(node))
        {
            if (allowNull)
            {
                return new ExpectedText(null, node.At(_file));
            }
        }
        else if (node.Scalar() is { Length: > 0 } value)
        {
            return new ExpectedText(value, node.At(_file));
        }

        Error(node.At(_file), DiagnosticCodes.BadValue, allowNull ? $"'{key}' is a name, or ~ for none" : $"'{key}' is a name");
        return null;
    }

    private List<WrittenValue> ReadValues(YamlNode node, string key, bool allowNull)
    {
        var values = new List<WrittenValue>();
        if (node is not YamlMappingNode map)
        {
            Error(node.At(_file), DiagnosticCodes.BadValue, $"'{key}' is a mapping of keys to values, e.g. {{ business_class: micro }}");
            return values;
        }

        foreach (var (name, keyNode, value) in map.Entries())
        {
            if (name.Length == 0)
            {
                Error(keyNode.At(_file), DiagnosticCodes.BadValue, $"a key of '{key}' is a name");
            }
            else if (value is not YamlScalarNode scalar || (IsNull(value) && !allowNull))
            {
                Error(value.At(_file), DiagnosticCodes.BadValue, allowNull
                    ? $"'{name}' is one value, or ~ for \"not answered\""
                    : $"'{name}' is one value, written as the owner would type it");
            }
            else
            {
                values.Add(new WrittenValue(name, IsNull(scalar) ? null : scalar.Value, scalar.IsQuoted(), keyNode.At(_file)));
            }
        }

        return values;
    }

    /// <summary><c>{ delete_my_data: { deleted: yes } }</c>: each action's fixed result, by answer key.</summary>
    private List<ActionResult> ReadActions(YamlNode node)
    {
        var results = new List<ActionResult>();
        if (node is not YamlMappingNode map)
        {
            Error(node.At(_file), DiagnosticCodes.BadValue, "'actions' maps each action to the values it returns, e.g. { delete_my_data: { deleted: yes } }");
            return results;
        }

        foreach (var (name, keyNode, value) in map.Entries())
        {
            results.Add(new ActionResult(name, ReadValues(value, name, allowNull: false), keyNode.At(_file)));
        }

        return results;
    }

    private List<ChoiceList> ReadChoices(YamlNode node)
    {
        var lists = new List<ChoiceList>();
        if (node is not YamlMappingNode map)
        {
            Error(node.At(_file), DiagnosticCodes.BadValue, "'choices' maps each options_from list to its options, e.g. { trainings: [ { value: t1, id: Bimtek, en: Training } ] }");
            return lists;
        }

        foreach (var (name, keyNode, value) in map.Entries())
        {
            if (value is not YamlSequenceNode items)
            {
                Error(value.At(_file), DiagnosticCodes.BadValue, $"the list '{name}' is a sequence of options");
                continue;
            }

            var options = new List<ChoiceOption>();
            foreach (var item in items)
            {
                if (ReadOption(item) is { } option)
                {
                    options.Add(option);
                }
            }

            lists.Add(new ChoiceList(name, options, keyNode.At(_file)));
        }

        return lists;
    }

    /// <summary><c>{ value: t1, id: Bimtek, en: Training }</c>, or just <c>t1</c> when the label is the value.</summary>
    private ChoiceOption? ReadOption(YamlNode node)
    {
        if (node is YamlScalarNode { Value.Length: > 0 } plain && !IsNull(plain))
        {
            return new ChoiceOption(plain.Value!, Label(new Dictionary<string, string> { [Languages.Indonesian] = plain.Value! }), node.At(_file));
        }

        if (node is not YamlMappingNode map)
        {
            Error(node.At(_file), DiagnosticCodes.BadValue, "an option is { value: ..., id: label, en: label }");
            return null;
        }

        CheckKeys(map, OptionKeys, "an option");
        var value = map.Get("value")?.Scalar();
        if (string.IsNullOrEmpty(value))
        {
            Error(map.At(_file), DiagnosticCodes.MissingField, "the option has no 'value' (what is saved when it is chosen)");
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Languages.All)
        {
            if (map.Get(language)?.Scalar() is { Length: > 0 } label)
            {
                labels[language] = label;
            }
        }

        if (labels.Count == 0)
        {
            labels[Languages.Indonesian] = value;
        }

        return new ChoiceOption(value, Label(labels), map.At(_file));
    }

    // Buttons show a label's source text as written (LocalizedText.Plain), so it is parsed as is.
    private static LocalizedText Label(Dictionary<string, string> byLanguage) =>
        new(byLanguage.ToDictionary(p => p.Key, p => TextTemplate.Parse(p.Value), StringComparer.Ordinal));

    /// <summary>YAML's null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && !scalar.IsQuoted() && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                Error(keyNode.At(_file), DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {what}{Suggestions.DidYouMean(key, allowed)}");
            }
        }
    }

    /// <summary>What the owner types or reads is text; YAML 1.1 tools read a plain Yes or No there as a yes/no value.</summary>
    private void WarnOnYesNoTexts(YamlMappingNode turn)
    {
        foreach (var key in (string[])["send", "tap", "reply", "not_contains", "buttons"])
        {
            var node = turn.Get(key);
            var scalars = node switch
            {
                YamlScalarNode one => [one],
                YamlSequenceNode many => many.Children.OfType<YamlScalarNode>(),
                _ => [],
            };
            foreach (var scalar in scalars.Where(s => s.Style == ScalarStyle.Plain && s.Value is { } v && YamlEventCheck.IsYesNoWord(v)))
            {
                _diagnostics.Add(new Diagnostic(scalar.At(_file), DiagnosticSeverity.Warning, DiagnosticCodes.AmbiguousScalar,
                    $"YAML 1.1 parsers read the text '{scalar.Value}' as a yes/no value; quote it (\"{scalar.Value}\")"));
            }
        }
    }

    private void Error(SourcePosition position, string code, string message) =>
        _diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Error, code, message));
}
