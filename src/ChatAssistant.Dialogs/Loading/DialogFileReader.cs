using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Programmes;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads one dialog file into a <see cref="DialogDefinition"/>, reporting every problem it finds with its
/// line and column rather than stopping at the first. Runs once at load time; nothing here is on the message path.
/// </summary>
internal sealed class DialogFileReader
{
    private static readonly string[] RootKeys = ["id", "version", "languages", "title", "description", "commands", "menu", "audience", "parameters", "start", "steps", "labels"];
    private static readonly string[] Audiences = ["owners", "operators"];
    private static readonly string[] StepKindKeys = ["say", "ask", "compute", "call", "review", "end"];
    private static readonly string[] SayKeys = ["say", "next", "note"];
    private static readonly string[] AskKeys = ["ask", "input", "options", "options_from", "confirm", "save", "min", "max", "reprompt", "help", "next", "note",
        "confirm_above", "confirm_below", "per", "self_counts_as"];
    private static readonly string[] ComputeKeys = ["compute", "cases", "sum", "scale_to", "collect", "skip", "limit", "next", "note"];
    private static readonly string[] EndKeys = ["end", "outcome", "note"];
    private static readonly string[] ReviewKeys = ["review", "keys", "next", "note"];
    private static readonly string[] CallKeys = ["call", "sets", "next", "note"];
    private static readonly string[] ReviewItemKeys = ["key", "label"];
    private static readonly string[] NextRuleKeys = ["when", "goto"];
    private static readonly string[] CaseKeys = ["when", "value", "value_from"];
    private static readonly string[] SumTermKeys = ["when", "add", "applies"];
    private static readonly string[] CollectItemKeys = ["when", "item"];
    private static readonly string[] OptionKeys = ["value", "id", "en", "synonyms"];
    private static readonly string[] ConditionKeys = ["all", "any", "not", "eq", "ne", "lt", "lte", "gt", "gte", "in", "set"];

    private readonly string _file;
    private readonly List<Diagnostic> _diagnostics;
    private readonly IReadOnlySet<string>? _choiceSources;
    private readonly IReadOnlySet<string>? _actions;
    private readonly ProgrammeData? _programmes;
    private IReadOnlyList<string> _languages = Languages.All;

    // The value kind of every answer key this dialog saves or computes, so that condition literals are read as
    // the kind they are compared with (and a mismatch is reported) rather than guessed from their spelling.
    private readonly Dictionary<string, ValueKind> _keyKinds = new(StringComparer.Ordinal);

    // Profile keys read here; another dialog may save them, so they are checked once every file is read.
    private readonly List<(string Key, SourcePosition Position)> _profileReads = [];

    private DialogFileReader(string file, List<Diagnostic> diagnostics, IReadOnlySet<string>? choiceSources, IReadOnlySet<string>? actions, ProgrammeData? programmes = null)
    {
        _programmes = programmes;
        _actions = actions;
        _file = file;
        _diagnostics = diagnostics;
        _choiceSources = choiceSources;
    }

    /// <param name="choiceSources">The run-time lists the host provides for <c>options_from</c>; null accepts any name.</param>
    /// <param name="actions">The actions the host provides for <c>call</c> steps; null accepts any name.</param>
    /// <param name="programmes">The programme rules conditions may compare with (<c>programme.sehati.max_sales</c>).</param>
    public static DialogDefinition? Read(DialogSource source, List<Diagnostic> diagnostics, IReadOnlySet<string>? choiceSources = null, IReadOnlySet<string>? actions = null, ProgrammeData? programmes = null)
    {
        var reader = new DialogFileReader(source.Path, diagnostics, choiceSources, actions, programmes);
        if (!YamlEventCheck.Check(source, diagnostics))
        {
            return null;
        }

        var stream = new YamlStream();
        var parser = new Parser(new StringReader(source.Text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            var (line, column) = ((int)ex.Start.Line, (int)ex.Start.Column);
            if (ex.Start.Index == 0 && parser.Current is { End.Index: > 0 } last)
            {
                // Some YamlDotNet errors (a tab used as indentation) carry no position: point at the first
                // tab-indented line after the last thing read, or else at that last thing.
                var tab = message.Contains("tab", StringComparison.Ordinal) ? TabIndentation(source.Text, (int)last.End.Line) : null;
                (line, column) = tab ?? ((int)last.End.Line, (int)last.End.Column);
            }

            reader.Error(new SourcePosition(source.Path, line, column), DiagnosticCodes.YamlSyntax,
                cut >= 0 ? message[(cut + 3)..] : message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, not with a YamlException, on a '[' or '{' left open before a
            // "key: value" line. The last event it read is the best position there is.
            var at = parser.Current?.End ?? Mark.Empty;
            reader.Error(new SourcePosition(source.Path, (int)at.Line, (int)at.Column), DiagnosticCodes.YamlSyntax,
                "could not read on from here; is a '[' or '{' before it left open?");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(new SourcePosition(source.Path, 1, 1), DiagnosticCodes.BadValue, "a dialog file is a mapping with id, version, title, commands, start and steps");
            return null;
        }

        return reader.ReadRoot(root, source.Text);
    }

    private static (int Line, int Column)? TabIndentation(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] == '\t')
                {
                    return (i + 1, c + 1);
                }
            }
        }

        return null;
    }

    private DialogDefinition? ReadRoot(YamlMappingNode root, string text)
    {
        CheckKeys(root, RootKeys, "dialog");
        var id = RequiredScalar(root, "id", "dialog");
        var version = 1;
        if (root.Get("version") is { } versionNode)
        {
            if (!int.TryParse(versionNode.Scalar(), NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1)
            {
                Error(versionNode, DiagnosticCodes.BadValue, "version is a whole number from 1");
                version = 1;
            }
        }
        else
        {
            Error(root.At(_file), DiagnosticCodes.MissingField, "dialog has no 'version'");
        }

        if (root.Get("languages") is { } languagesNode)
        {
            var languages = new List<string>();
            foreach (var item in Sequence(languagesNode, "languages"))
            {
                var code = item.Scalar();
                if (Languages.IsKnown(code))
                {
                    languages.Add(code!);
                }
                else
                {
                    Error(item, DiagnosticCodes.BadValue, $"unknown language '{code}'; known: {string.Join(", ", Languages.All)}");
                }
            }

            if (!languages.Contains(Languages.Indonesian))
            {
                Error(languagesNode, DiagnosticCodes.BadValue, "languages must include 'id' (Bahasa Indonesia, the default)");
            }

            _languages = languages;
        }

        var title = root.Get("title") is { } titleNode ? ReadText(titleNode, "title") : null;
        if (title is null && root.Get("title") is null)
        {
            Error(root.At(_file), DiagnosticCodes.MissingField, "dialog has no 'title'");
        }

        var commands = new List<string>();
        if (root.Get("commands") is { } commandsNode)
        {
            foreach (var item in Sequence(commandsNode, "commands"))
            {
                var command = item.Scalar();
                if (command is { Length: >= 2 } && command[0] == '/' && command.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    commands.Add(command.ToLowerInvariant());
                }
                else
                {
                    Error(item, DiagnosticCodes.BadValue, $"a command is '/' and letters, digits or '_' (like /stimulus), not '{command}'");
                }
            }
        }

        var menuOrder = 100;
        var inMenu = true;
        if (root.Get("menu") is { } menuNode)
        {
            // 'menu: no' keeps a command-only dialog (e.g. /berhenti) out of the owners' menu.
            if (menuNode.Scalar() is "no" or "false")
            {
                inMenu = false;
                menuOrder = int.MaxValue;
            }
            else if (!int.TryParse(menuNode.Scalar(), NumberStyles.None, CultureInfo.InvariantCulture, out menuOrder))
            {
                Error(menuNode, DiagnosticCodes.BadValue, "menu is the dialog's place in the main menu, a whole number (1 comes first), or no to leave it out");
            }
        }

        var audience = DialogAudience.Owners;
        if (root.Get("audience") is { } audienceNode)
        {
            var name = audienceNode.Scalar()?.ToLowerInvariant() ?? string.Empty;
            var index = Array.IndexOf(Audiences, name);
            if (index >= 0)
            {
                audience = (DialogAudience)index;
            }
            else
            {
                Error(audienceNode, DiagnosticCodes.BadValue,
                    $"audience is one of {string.Join(", ", Audiences)}, not '{audienceNode.Scalar()}'{Suggestions.DidYouMean(name, Audiences)}");
            }
        }

        var parameters = new List<StartParameter>();
        if (root.Get("parameters") is { } parametersNode)
        {
            foreach (var item in Sequence(parametersNode, "parameters"))
            {
                var key = item.Scalar();
                if (key is null || !IsKey(key))
                {
                    Error(item, DiagnosticCodes.BadValue, $"a parameter is an answer key: letters, digits, '_' or '.', not '{key}'");
                }
                else if (parameters.Any(p => p.Key == key))
                {
                    Error(item, DiagnosticCodes.BadValue, $"parameter '{key}' is listed twice");
                }
                else
                {
                    parameters.Add(new StartParameter(key, item.At(_file)));
                }
            }
        }

        var labels = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        if (root.Get("labels") is { } labelsNode)
        {
            if (labelsNode is YamlMappingNode labelsMap)
            {
                foreach (var (key, _, value) in labelsMap.Entries())
                {
                    if (ReadText(value, $"label '{key}'") is { } label)
                    {
                        labels[key] = label;
                    }
                }
            }
            else
            {
                Error(labelsNode, DiagnosticCodes.BadValue, "labels is a mapping from a value to its text per language");
            }
        }

        var steps = new List<StepDefinition>();
        if (root.Get("steps") is YamlMappingNode stepsMap)
        {
            CollectKeyKinds(stepsMap);
            var entries = stepsMap.Entries().ToList();
            for (var i = 0; i < entries.Count; i++)
            {
                var (stepId, keyNode, stepNode) = entries[i];
                var following = i + 1 < entries.Count ? entries[i + 1].Key : null;
                if (!IsIdentifier(stepId))
                {
                    Error(keyNode, DiagnosticCodes.BadValue, $"a step id is letters, digits, '_' or '-', not '{stepId}'");
                    continue;
                }

                var reported = _diagnostics.Count;
                if (ReadStep(stepId, keyNode, stepNode, following) is { } step)
                {
                    steps.Add(step);
                    continue;
                }

                // A stand-in must never run: make sure the file has an error for this step.
                if (!_diagnostics.Skip(reported).Any(d => d.IsError))
                {
                    Error(keyNode, DiagnosticCodes.BadValue, $"step '{stepId}' could not be read");
                }

                steps.Add(StandIn(stepId, keyNode, stepNode, following));
            }
        }
        else
        {
            Error(root.Get("steps") ?? (YamlNode)root, root.Get("steps") is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                "dialog needs 'steps': a mapping from step id to step");
        }

        var start = RequiredScalar(root, "start", "dialog");
        if (start is not null && steps.Count > 0 && !steps.Any(s => s.Id == start))
        {
            Error(root.Get("start")!, DiagnosticCodes.UnknownStep, $"start step '{start}' does not exist{Suggestions.DidYouMean(start, steps.Select(s => s.Id))}");
        }

        if (id is null)
        {
            return null;
        }

        // A missing title or start is reported above; the steps are still checked, so that every problem of the
        // file shows at once. A file with an error is never loaded, so these stand-ins never run.
        title ??= new LocalizedText(new Dictionary<string, TextTemplate> { [Languages.Indonesian] = TextTemplate.Parse(id) });
        start ??= string.Empty;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return new DialogDefinition(id, version, _languages, title, commands, menuOrder, start, steps, labels, root.At(_file), hash)
        {
            Audience = audience,
            Parameters = parameters,
            MenuPosition = root.Get("menu")?.At(_file),
            InMenu = inMenu,
            ProfileReads = _profileReads,
        };
    }

    /// <summary>
    /// A step that could not be read (its mistake already reported) still exists, with its ways out: without
    /// it, the same mistake would be reported again as a start or 'goto' to a step that does not exist, and as
    /// unreachable steps behind it. Such a file has an error, so a stand-in never runs. No reader has read the
    /// step's 'next' when it gives up, so reading it here reports nothing twice.
    /// </summary>
    private StepDefinition StandIn(string id, YamlNode keyNode, YamlNode node, string? following)
    {
        var position = keyNode.At(_file);
        List<NextRule> next = node switch
        {
            YamlMappingNode map => map.Get("end") is null ? ReadNext(map, id, following) : [],
            _ => following is null ? [] : [new NextRule(null, following, position)],
        };
        var text = new LocalizedText(new Dictionary<string, TextTemplate> { [Languages.Indonesian] = TextTemplate.Parse(id) });

        // An ask step: it has a way out and is not run through automatically, so it raises no dead end or loop.
        return next.Count == 0
            ? new EndStep(id, position, text, id)
            : new AskStep(id, position, next, text, new InputSpec(InputKind.Text, [], null, null, null), id);
    }

    private void CollectKeyKinds(YamlMappingNode stepsMap)
    {
        foreach (var (stepId, _, node) in stepsMap.Entries())
        {
            if (node is not YamlMappingNode step)
            {
                continue;
            }

            if (step.Get("ask") is not null)
            {
                var key = step.Get("save")?.Scalar() ?? stepId;
                var kind = step.Get("input")?.Scalar() is { } input && TryInputKind(input, out var k) ? k
                    : step.Get("options") is not null || step.Get("options_from") is not null ? InputKind.Choice : InputKind.Text;
                // An unknown input kind is reported where it is written; its answer is not compared against a guess.
                _keyKinds[key] = step.Get("input") is { } written && !TryInputKind(written.Scalar() ?? string.Empty, out _) ? ValueKind.None : ValueKindOf(kind);
            }
            else if (step.Get("call") is not null && step.Get("sets") is YamlSequenceNode filled)
            {
                // What an action returns is known only at run time: its keys exist, untyped.
                foreach (var key in filled.Children.Select(c => c.Scalar()).OfType<string>())
                {
                    _keyKinds.TryAdd(key, ValueKind.None);
                }
            }
            else if (step.Get("compute")?.Scalar() is { } summed && step.Get("sum") is not null)
            {
                _keyKinds[summed] = ValueKind.Number;
            }
            else if (step.Get("compute")?.Scalar() is { } collected && step.Get("collect") is not null)
            {
                _keyKinds[collected] = ValueKind.List;
            }
            else if (step.Get("compute")?.Scalar() is { } set && step.Get("cases") is YamlSequenceNode cases)
            {
                var kind = ValueKind.None;
                foreach (var row in cases.OfType<YamlMappingNode>())
                {
                    if (row.Get("value") is YamlScalarNode value)
                    {
                        kind = ParseLiteral(RuleNode(value), ValueKind.None).Kind;
                        break;
                    }
                }

                _keyKinds[set] = kind;
            }
        }
    }

    internal static ValueKind ValueKindOf(InputKind kind) => kind switch
    {
        InputKind.Integer or InputKind.Number => ValueKind.Number,
        InputKind.Money => ValueKind.Money,
        InputKind.YesNo => ValueKind.Bool,
        InputKind.Date => ValueKind.Date,
        _ => ValueKind.Text,
    };

    private StepDefinition? ReadStep(string id, YamlNode keyNode, YamlNode node, string? following)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, DiagnosticCodes.BadValue, $"step '{id}' is a mapping with one of: say, ask, compute, end");
            return null;
        }

        var kinds = StepKindKeys.Where(k => map.Get(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            Error(keyNode, DiagnosticCodes.StepKind, kinds.Count == 0
                ? $"step '{id}' needs one of: say, ask, compute, call, review, end"
                : $"step '{id}' has {string.Join(" and ", kinds)}; a step does one thing");
            return null;
        }

        var position = keyNode.At(_file);
        switch (kinds[0])
        {
            case "say":
                CheckKeys(map, SayKeys, $"say step '{id}'");
                var sayText = ReadText(map.Get("say")!, $"step '{id}'");
                return sayText is null ? null : new SayStep(id, position, ReadNext(map, id, following), sayText);

            case "ask":
                return ReadAsk(id, position, map, following);

            case "compute":
                return ReadCompute(id, position, map, following);

            case "review":
                return ReadReview(id, position, map, following);

            case "call":
                return ReadCall(id, position, map, following);

            default:
                CheckKeys(map, EndKeys, $"end step '{id}'");
                var endText = ReadText(map.Get("end")!, $"step '{id}'");
                var outcome = map.Get("outcome")?.Scalar() ?? id;
                return endText is null ? null : new EndStep(id, position, endText, outcome);
        }
    }

    private AskStep? ReadAsk(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        CheckKeys(map, AskKeys, $"ask step '{id}'");
        var question = ReadText(map.Get("ask")!, $"step '{id}'");
        var options = new List<ChoiceOption>();
        if (map.Get("options") is { } optionsNode)
        {
            foreach (var item in Sequence(optionsNode, $"options of step '{id}'"))
            {
                if (ReadOption(item, id) is { } option)
                {
                    if (options.Any(o => o.Value == option.Value))
                    {
                        Error(item, DiagnosticCodes.DuplicateId, $"option value '{option.Value}' appears twice in step '{id}'");
                    }

                    options.Add(option);
                }
            }
        }

        var source = map.Get("options_from")?.Scalar();
        if (map.Get("options_from") is { } sourceNode)
        {
            if (source is null || !IsIdentifier(source))
            {
                Error(sourceNode, DiagnosticCodes.BadValue, "options_from names a list filled at run time, e.g. 'options_from: training_programs'");
                source = null;
            }
            else if (_choiceSources is not null && !_choiceSources.Contains(source))
            {
                Error(sourceNode, DiagnosticCodes.UnknownSource,
                    $"no run-time list is called '{source}'{Suggestions.DidYouMean(source, _choiceSources)}; known: {string.Join(", ", _choiceSources.Order(StringComparer.Ordinal))}");
            }

            if (options.Count > 0)
            {
                Error(sourceNode, DiagnosticCodes.BadValue, $"step '{id}' has both 'options' and 'options_from'; a choice comes from one or the other");
            }
        }

        var kind = options.Count > 0 || source is not null ? InputKind.Choice : InputKind.Text;
        if (map.Get("input") is { } inputNode)
        {
            if (!TryInputKind(inputNode.Scalar() ?? string.Empty, out kind))
            {
                Error(inputNode, DiagnosticCodes.BadValue,
                    $"unknown input '{inputNode.Scalar()}'{Suggestions.DidYouMean(inputNode.Scalar() ?? string.Empty, InputNames)}; known: {string.Join(", ", InputNames)}");
                kind = InputKind.Text;
            }
        }

        if (kind == InputKind.Choice && options.Count == 0 && source is null && map.Get("options_from") is null)
        {
            Error(map.Get("input") ?? map, DiagnosticCodes.MissingField, $"choice step '{id}' needs 'options' (or 'options_from')");
        }
        else if (kind != InputKind.Choice && options.Count > 0)
        {
            Error(map.Get("options")!, DiagnosticCodes.BadValue, $"'options' only go with input: choice (step '{id}' has input: {InputName(kind)})");
        }

        var min = ReadBound(map, "min", id);
        var max = ReadBound(map, "max", id);
        var reprompt = map.Get("reprompt") is { } repromptNode ? ReadText(repromptNode, $"reprompt of step '{id}'") : null;
        var help = map.Get("help") is { } helpNode ? ReadText(helpNode, $"help of step '{id}'") : null;
        var save = map.Get("save")?.Scalar() ?? id;
        if (!IsKey(save))
        {
            Error(map.Get("save")!, DiagnosticCodes.BadValue, $"an answer key is letters, digits, '_' or '.', not '{save}'");
        }

        var confirm = true;
        if (map.Get("confirm") is { } confirmNode)
        {
            if (confirmNode.Scalar()?.ToLowerInvariant() is "true" or "false" or "yes" or "no")
            {
                confirm = confirmNode.Scalar()!.ToLowerInvariant() is "true" or "yes";
            }
            else
            {
                Error(confirmNode, DiagnosticCodes.BadValue, "confirm is true or false");
            }
        }

        var input = ReadUnderstanding(map, id, new InputSpec(kind, options, min, max, reprompt, source));
        return question is null ? null
            : new AskStep(id, position, ReadNext(map, id, following), question, input, save, confirm, help);
    }

    /// <summary>
    /// How an answer is understood beyond its kind: the bounds past which it is said back before it is stored,
    /// the period of a money question, and what "sendiri" counts as at a count.
    /// </summary>
    private InputSpec ReadUnderstanding(YamlMappingNode map, string id, InputSpec input)
    {
        var above = ReadBound(map, "confirm_above", id);
        var below = ReadBound(map, "confirm_below", id);
        foreach (var key in (ReadOnlySpan<string>)["confirm_above", "confirm_below"])
        {
            if (map.Get(key) is { } node && input.Kind is not (InputKind.Money or InputKind.Integer or InputKind.Number or InputKind.Date))
            {
                Error(node, DiagnosticCodes.BadValue, $"'{key}' goes with input: money, integer, number or date (step '{id}' has input: {InputName(input.Kind)})");
            }
        }

        if (above is { } high && below is { } low && low > high)
        {
            Error(map.Get("confirm_below")!, DiagnosticCodes.BadValue, $"confirm_below of step '{id}' is above its confirm_above");
        }

        var per = AmountPeriod.None;
        if (map.Get("per") is { } perNode)
        {
            per = perNode.Scalar()?.ToLowerInvariant() switch
            {
                "year" => AmountPeriod.Year,
                "month" => AmountPeriod.Month,
                _ => AmountPeriod.None,
            };
            if (per == AmountPeriod.None)
            {
                Error(perNode, DiagnosticCodes.BadValue, "per is year or month: the period a money question asks about");
            }
            else if (input.Kind != InputKind.Money)
            {
                Error(perNode, DiagnosticCodes.BadValue, $"'per' goes with input: money (step '{id}' has input: {InputName(input.Kind)})");
            }
        }

        int? self = null;
        if (map.Get("self_counts_as") is { } selfNode)
        {
            if (!int.TryParse(selfNode.Scalar(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                Error(selfNode, DiagnosticCodes.BadValue, "self_counts_as is what \"sendiri\" (just me) counts as: 0 when the question counts people besides the owner, 1 when it counts everyone");
            }
            else if (input.Kind != InputKind.Integer)
            {
                Error(selfNode, DiagnosticCodes.BadValue, $"'self_counts_as' goes with input: integer (step '{id}' has input: {InputName(input.Kind)})");
            }
            else
            {
                self = count;
            }
        }

        return input with { ConfirmAbove = above, ConfirmBelow = below, Per = per, SelfCountsAs = self };
    }

    private decimal? ReadBound(YamlMappingNode map, string key, string stepId)
    {
        if (map.Get(key) is not YamlScalarNode node)
        {
            return null;
        }

        var literal = ParseLiteral(RuleNode(node), ValueKind.Number);
        if (!literal.IsNumeric)
        {
            Error(node, DiagnosticCodes.BadValue, $"'{key}' of step '{stepId}' is a number");
            return null;
        }

        return literal.Number;
    }

    private ChoiceOption? ReadOption(YamlNode node, string stepId)
    {
        if (node is YamlScalarNode scalar && !string.IsNullOrEmpty(scalar.Value))
        {
            var label = new LocalizedText(_languages.ToDictionary(l => l, _ => TextTemplate.Parse(scalar.Value)));
            return new ChoiceOption(Slug(scalar.Value), label, node.At(_file));
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, DiagnosticCodes.BadValue, $"an option of step '{stepId}' is a mapping with value and a label per language");
            return null;
        }

        CheckKeys(map, OptionKeys, $"option of step '{stepId}'");
        var value = map.Get("value")?.Scalar();
        if (value is null || !IsKey(value))
        {
            Error(map.Get("value") ?? map, value is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                $"an option of step '{stepId}' needs a 'value' of letters, digits, '_' or '-'");
            return null;
        }

        var labels = new YamlMappingNode();
        foreach (var (key, keyNode, child) in map.Entries())
        {
            if (key is not ("value" or "synonyms"))
            {
                labels.Add(keyNode, child);
            }
        }

        var synonyms = new List<string>();
        if (map.Get("synonyms") is { } synonymsNode)
        {
            foreach (var item in Sequence(synonymsNode, $"synonyms of option '{value}'"))
            {
                if (item.Scalar() is { Length: > 0 } word && !string.IsNullOrWhiteSpace(word))
                {
                    synonyms.Add(word.Trim());
                }
                else
                {
                    Error(item, DiagnosticCodes.BadValue, $"a synonym of option '{value}' is a word or phrase owners type for it");
                }
            }
        }

        var text = ReadText(labels.Children.Count > 0 ? labels : map, $"option '{value}' of step '{stepId}'", map.At(_file));
        return text is null ? null : new ChoiceOption(value, text, node.At(_file)) { Synonyms = synonyms };
    }

    private CallStep? ReadCall(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        CheckKeys(map, CallKeys, $"call step '{id}'");
        var actionNode = map.Get("call")!;
        var action = actionNode.Scalar();
        if (action is null || !IsIdentifier(action))
        {
            Error(actionNode, DiagnosticCodes.BadValue, "call names an action the assistant provides, e.g. 'call: register_training'");
            return null;
        }

        if (_actions is not null && !_actions.Contains(action))
        {
            Error(actionNode, DiagnosticCodes.UnknownSource,
                $"no action is called '{action}'{Suggestions.DidYouMean(action, _actions)}; known: {string.Join(", ", _actions.Order(StringComparer.Ordinal))}");
        }

        var sets = new List<string>();
        if (map.Get("sets") is { } setsNode)
        {
            foreach (var item in Sequence(setsNode, $"sets of step '{id}'"))
            {
                if (item.Scalar() is { } key && IsKey(key))
                {
                    sets.Add(key);
                }
                else
                {
                    Error(item, DiagnosticCodes.BadValue, "sets lists the answer keys the action fills");
                }
            }
        }

        return new CallStep(id, position, ReadNext(map, id, following), action, sets);
    }

    private ReviewStep? ReadReview(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        CheckKeys(map, ReviewKeys, $"review step '{id}'");
        var text = ReadText(map.Get("review")!, $"step '{id}'");
        var items = new List<ReviewItem>();
        if (map.Get("keys") is { } keysNode)
        {
            foreach (var item in Sequence(keysNode, $"keys of step '{id}'"))
            {
                if (item is not YamlMappingNode entry)
                {
                    Error(item, DiagnosticCodes.BadValue, "a review line is a mapping with 'key' and 'label'");
                    continue;
                }

                CheckKeys(entry, ReviewItemKeys, $"review line of step '{id}'");
                var keyNode = entry.Get("key");
                var label = entry.Get("label") is { } labelNode ? ReadText(labelNode, $"review label of step '{id}'") : null;
                if (keyNode is null || label is null)
                {
                    Error(entry, DiagnosticCodes.MissingField, "a review line needs 'key' and 'label'");
                    continue;
                }

                if (ReadKeyReference(keyNode) is { } key)
                {
                    items.Add(new ReviewItem(key, label, keyNode.At(_file)));
                }
            }
        }

        if (items.Count == 0)
        {
            Error(map, DiagnosticCodes.MissingField, $"review step '{id}' needs 'keys': the answers to show");
        }

        return text is null ? null : new ReviewStep(id, position, ReadNext(map, id, following), text, items);
    }

    private ComputeStep? ReadCompute(string id, SourcePosition position, YamlMappingNode map, string? following)
    {
        CheckKeys(map, ComputeKeys, $"compute step '{id}'");
        var set = map.Get("compute")!.Scalar();
        if (set is null || !IsKey(set))
        {
            Error(map.Get("compute")!, DiagnosticCodes.BadValue, $"compute names the answer key it sets, e.g. 'compute: business_class'");
            return null;
        }

        var ways = new[] { "cases", "sum", "collect" }.Where(k => map.Get(k) is not null).ToList();
        if (ways.Count > 1)
        {
            Error(map.Get(ways[1])!, DiagnosticCodes.BadValue, $"compute step '{id}' has {string.Join(" and ", ways)}; it computes from one of cases, sum or collect");
        }

        if (map.Get("sum") is { } sumNode)
        {
            return ReadSum(id, position, map, sumNode, set, following);
        }

        if (map.Get("collect") is { } collectNode)
        {
            return ReadCollect(id, position, map, collectNode, set, following);
        }

        if (map.Get("scale_to") is { } stray)
        {
            Error(stray, DiagnosticCodes.BadValue, $"'scale_to' goes with 'sum' (step '{id}')");
        }

        var cases = new List<ComputeCase>();
        if (map.Get("cases") is { } casesNode)
        {
            foreach (var item in Sequence(casesNode, $"cases of step '{id}'"))
            {
                if (item is not YamlMappingNode row)
                {
                    Error(item, DiagnosticCodes.BadValue, "a case is a mapping with 'value' (or 'value_from') and optionally 'when'");
                    continue;
                }

                CheckKeys(row, CaseKeys, $"case of step '{id}'");
                var when = row.Get("when") is { } whenNode ? ReadCondition(whenNode) : null;
                if (row.Get("value") is YamlScalarNode valueNode && row.Get("value_from") is null)
                {
                    cases.Add(new ComputeCase(when, Literal(valueNode, _keyKinds.GetValueOrDefault(set)), row.At(_file)));
                }
                else if (row.Get("value_from") is { } fromNode && row.Get("value") is null)
                {
                    // value_from copies another key's value at that moment; 'today' is the current date.
                    var from = fromNode.Scalar() == ComputeCase.Today ? ComputeCase.Today : ReadKeyReference(fromNode);
                    if (from is not null)
                    {
                        cases.Add(new ComputeCase(when, DialogValue.None, row.At(_file), from));
                    }
                }
                else
                {
                    Error(row, DiagnosticCodes.MissingField, $"a case of step '{id}' needs a 'value' or a 'value_from' (one of them)");
                }
            }
        }
        else
        {
            Error(map, DiagnosticCodes.MissingField, $"compute step '{id}' needs 'cases', 'sum' or 'collect'");
        }

        if (cases.Count > 0 && cases[^1].When is not null)
        {
            Warning(cases[^1].Position, DiagnosticCodes.DeadEnd, $"compute step '{id}' has no default case (one without 'when'); '{set}' stays unset when no case holds");
        }

        return new ComputeStep(id, position, ReadNext(map, id, following), set, cases);
    }

    /// <summary><c>sum</c>: a weighted score, each row adding its weight when its condition holds.</summary>
    private ComputeStep ReadSum(string id, SourcePosition position, YamlMappingNode map, YamlNode sumNode, string set, string? following)
    {
        var terms = new List<ScoreTerm>();
        foreach (var item in Sequence(sumNode, $"sum of step '{id}'"))
        {
            if (item is not YamlMappingNode row)
            {
                Error(item, DiagnosticCodes.BadValue, "a sum row is a mapping with 'add' and optionally 'when'");
                continue;
            }

            CheckKeys(row, SumTermKeys, $"sum row of step '{id}'");
            var when = row.Get("when") is { } whenNode ? ReadCondition(whenNode) : null;
            var add = ReadBound(row, "add", id);
            if (row.Get("add") is null)
            {
                Error(row, DiagnosticCodes.MissingField, $"a sum row of step '{id}' needs 'add', a number");
            }
            else if (add is { } weight)
            {
                var applies = row.Get("applies") is { } appliesNode ? ReadCondition(appliesNode) : null;
                terms.Add(new ScoreTerm(when, weight, row.At(_file)) { Applies = applies });
            }
        }

        var scale = ReadBound(map, "scale_to", id);
        if (scale is not null && terms.Sum(t => t.Add) <= 0)
        {
            Error(map.Get("scale_to")!, DiagnosticCodes.BadValue, $"'scale_to' of step '{id}' needs the weights of 'sum' to add up to more than 0");
        }

        return new ComputeStep(id, position, ReadNext(map, id, following), set, [], terms, scale);
    }

    /// <summary><c>collect</c>: a list of label keys, in the order written, of the rows whose condition holds.</summary>
    private ComputeStep ReadCollect(string id, SourcePosition position, YamlMappingNode map, YamlNode collectNode, string set, string? following)
    {
        if (map.Get("scale_to") is { } stray)
        {
            Error(stray, DiagnosticCodes.BadValue, $"'scale_to' goes with 'sum' (step '{id}')");
        }

        var items = new List<CollectItem>();
        foreach (var node in Sequence(collectNode, $"collect of step '{id}'"))
        {
            if (node is not YamlMappingNode row)
            {
                Error(node, DiagnosticCodes.BadValue, "a collect row is a mapping with 'item' and optionally 'when'");
                continue;
            }

            CheckKeys(row, CollectItemKeys, $"collect row of step '{id}'");
            var when = row.Get("when") is { } whenNode ? ReadCondition(whenNode) : null;
            var item = row.Get("item")?.Scalar();
            if (item is null || !IsIdentifier(item))
            {
                Error(row.Get("item") ?? row, row.Get("item") is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                    $"a collect row of step '{id}' needs 'item', the key of a label (letters, digits, '_', '-')");
                continue;
            }

            items.Add(new CollectItem(when, item, row.Get("item")!.At(_file)));
        }

        var skip = ReadBound(map, "skip", id);
        var limit = ReadBound(map, "limit", id);
        if (skip is < 0 || (skip is { } s && !decimal.IsInteger(s)) || limit is < 1 || (limit is { } l && !decimal.IsInteger(l)))
        {
            Error(map, DiagnosticCodes.BadValue, $"'skip' (0 or more) and 'limit' (1 or more) of step '{id}' are whole numbers");
        }

        return new ComputeStep(id, position, ReadNext(map, id, following), set, [], Collect: items)
        {
            CollectSkip = skip is { } skipped && skipped > 0 ? (int)skipped : 0,
            CollectLimit = limit is { } kept && kept >= 1 ? (int)kept : null,
        };
    }

    private List<NextRule> ReadNext(YamlMappingNode map, string stepId, string? following)
    {
        var rules = new List<NextRule>();
        var node = map.Get("next");
        if (node is null)
        {
            // No 'next' means the step written below it, so a straight flow needs no wiring.
            if (following is not null)
            {
                rules.Add(new NextRule(null, following, map.At(_file)));
            }

            return rules;
        }

        if (node is YamlScalarNode scalar)
        {
            rules.Add(new NextRule(null, scalar.Value ?? string.Empty, node.At(_file)));
            return rules;
        }

        foreach (var item in Sequence(node, $"next of step '{stepId}'"))
        {
            if (item is not YamlMappingNode rule)
            {
                Error(item, DiagnosticCodes.BadValue, "a 'next' rule is a mapping with 'goto' and optionally 'when'");
                continue;
            }

            CheckKeys(rule, NextRuleKeys, $"next rule of step '{stepId}'");
            var target = rule.Get("goto")?.Scalar();
            if (target is null)
            {
                Error(rule, DiagnosticCodes.MissingField, $"a 'next' rule of step '{stepId}' needs 'goto'");
                continue;
            }

            var when = rule.Get("when") is { } whenNode ? ReadCondition(whenNode) : null;
            rules.Add(new NextRule(when, target, rule.Get("goto")!.At(_file)));
        }

        return rules;
    }

    internal Condition? ReadCondition(YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(node, DiagnosticCodes.BadValue, $"a condition is a mapping such as {{ eq: [answer_key, value] }}; operators: {string.Join(", ", ConditionKeys)}");
            return null;
        }

        var parts = new List<Condition>();
        foreach (var (op, keyNode, operand) in map.Entries())
        {
            var part = op switch
            {
                "all" or "any" => ReadConditionList(op, operand),
                "not" => ReadCondition(operand) is { } inner ? new NotCondition(inner) : null,
                "set" => ReadKeyReference(operand) is { } key ? new SetCondition(key) : null,
                "in" => ReadIn(operand),
                "eq" or "ne" or "lt" or "lte" or "gt" or "gte" => ReadComparison(op, operand),
                _ => UnknownOperator(op, keyNode),
            };
            if (part is not null)
            {
                parts.Add(part);
            }
        }

        // Several operators in one mapping all have to hold, as a maintainer reading it would expect.
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => new AllCondition(parts),
        };
    }

    private Condition? UnknownOperator(string op, YamlNode keyNode)
    {
        Error(keyNode, DiagnosticCodes.UnknownKey, $"unknown condition operator '{op}'{Suggestions.DidYouMean(op, ConditionKeys)}");
        return null;
    }

    private Condition? ReadConditionList(string op, YamlNode operand)
    {
        var parts = Sequence(operand, op).Select(ReadCondition).OfType<Condition>().ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        return op == "all" ? new AllCondition(parts) : new AnyCondition(parts);
    }

    private string? ReadKeyReference(YamlNode node)
    {
        var key = node.Scalar();
        if (key is null || !IsKey(key))
        {
            Error(node, DiagnosticCodes.BadValue, "expected an answer key");
            return null;
        }

        if (key.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal))
        {
            _profileReads.Add((key, node.At(_file)));
        }
        else if (!_keyKinds.ContainsKey(key))
        {
            Error(node, DiagnosticCodes.UnknownAnswer,
                $"no step saves or computes '{key}'{Suggestions.DidYouMean(key, _keyKinds.Keys)}");
        }

        return key;
    }

    private Condition? ReadComparison(string op, YamlNode operand)
    {
        if (operand is not YamlSequenceNode { Children.Count: 2 } pair || pair[1] is not YamlScalarNode literalNode)
        {
            Error(operand, DiagnosticCodes.BadValue, $"'{op}' takes [answer_key, value]");
            return null;
        }

        var key = ReadKeyReference(pair[0]);
        if (key is null)
        {
            return null;
        }

        var kind = _keyKinds.GetValueOrDefault(key);
        var literal = Literal(literalNode, kind);
        if (kind != ValueKind.None && !SameFamily(kind, literal.Kind))
        {
            Error(literalNode, DiagnosticCodes.TypeMismatch,
                $"'{key}' is {Describe(kind)} but '{literalNode.Value}' is {Describe(literal.Kind)}");
        }
        else if (op is "lt" or "lte" or "gt" or "gte" && kind is ValueKind.Bool or ValueKind.Text)
        {
            Error(pair[0], DiagnosticCodes.TypeMismatch, $"'{op}' orders numbers, money or dates; '{key}' is {Describe(kind)}");
        }

        var comparison = op switch
        {
            "eq" => ComparisonOperator.Eq,
            "ne" => ComparisonOperator.Ne,
            "lt" => ComparisonOperator.Lt,
            "lte" => ComparisonOperator.Lte,
            "gt" => ComparisonOperator.Gt,
            _ => ComparisonOperator.Gte,
        };
        return new CompareCondition(comparison, key, literal);
    }

    private InCondition? ReadIn(YamlNode operand)
    {
        if (operand is not YamlSequenceNode { Children.Count: 2 } pair || pair[1] is not YamlSequenceNode values)
        {
            Error(operand, DiagnosticCodes.BadValue, "'in' takes [answer_key, [value, value, ...]]");
            return null;
        }

        var key = ReadKeyReference(pair[0]);
        if (key is null)
        {
            return null;
        }

        var kind = _keyKinds.GetValueOrDefault(key);
        var literals = new List<DialogValue>();
        foreach (var item in values)
        {
            if (item is not YamlScalarNode scalar)
            {
                Error(item, DiagnosticCodes.BadValue, "values of 'in' are plain values");
                continue;
            }

            var literal = Literal(scalar, kind);
            if (kind != ValueKind.None && !SameFamily(kind, literal.Kind))
            {
                Error(scalar, DiagnosticCodes.TypeMismatch, $"'{key}' is {Describe(kind)} but '{scalar.Value}' is {Describe(literal.Kind)}");
            }

            literals.Add(literal);
        }

        return new InCondition(key, literals);
    }

    private static bool SameFamily(ValueKind a, ValueKind b) =>
        a == b || (a is ValueKind.Number or ValueKind.Money && b is ValueKind.Number or ValueKind.Money);

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Money => "money",
        ValueKind.Number => "a number",
        ValueKind.Bool => "yes/no",
        ValueKind.Date => "a date",
        ValueKind.Text => "text",
        _ => "unknown",
    };

    /// <summary>
    /// A condition or case value: a programme rule's value when it names one (<c>programme.sehati.max_sales</c>),
    /// so that thresholds live, dated and sourced, in the programme data; otherwise the literal as written.
    /// </summary>
    private DialogValue Literal(YamlScalarNode node, ValueKind expected)
    {
        if (node.IsQuoted() || node.Value is not { } text || !text.StartsWith(ProgrammeData.Prefix, StringComparison.Ordinal))
        {
            return ParseLiteral(node, expected);
        }

        if (_programmes?.Find(text) is { IsText: false } rule)
        {
            return ParseLiteral(new YamlScalarNode(rule.Raw), expected);
        }

        Error(node, DiagnosticCodes.UnknownRule, _programmes is null
            ? $"'{text}' names a programme rule, but there is no programme data file (data/programmes.yaml) or it has errors"
            : _programmes.Find(text) is not null
                ? $"programme rule '{text}' is words, not a value a condition can compare"
                : $"no programme rule '{text}' in {_programmes.Path}{Suggestions.DidYouMean(text, _programmes.Rules.Select(r => r.Key))}");

        // A stand-in of the expected kind, so the one mistake is not reported twice; the file is refused anyway.
        return expected switch
        {
            ValueKind.Money => DialogValue.FromMoney(0),
            ValueKind.Number => DialogValue.FromNumber(0),
            ValueKind.Bool => DialogValue.FromBool(false),
            ValueKind.Date => DialogValue.FromDate(DateOnly.MinValue),
            _ => DialogValue.FromText(text),
        };
    }

    /// <summary>The rule's value in place of a node that names a programme rule; the node itself otherwise.</summary>
    private YamlScalarNode RuleNode(YamlScalarNode node) =>
        !node.IsQuoted() && node.Value is { } text && text.StartsWith(ProgrammeData.Prefix, StringComparison.Ordinal) && _programmes?.Find(text) is { IsText: false } rule
            ? new YamlScalarNode(rule.Raw)
            : node;

    /// <summary>
    /// Reads a literal as the kind it will be compared with: "2 miliar" is money for a money answer,
    /// "ya" is yes for a yes/no answer, and a quoted value is always text.
    /// </summary>
    internal static DialogValue ParseLiteral(YamlScalarNode node, ValueKind expected)
    {
        var text = node.Value ?? string.Empty;
        if (node.IsQuoted() || expected == ValueKind.Text)
        {
            return DialogValue.FromText(text);
        }

        if (expected is ValueKind.None or ValueKind.Bool)
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "ya":
                    return DialogValue.FromBool(true);
                case "false" or "no" or "tidak":
                    return DialogValue.FromBool(false);
            }
        }

        var compact = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return expected == ValueKind.Money && decimal.IsInteger(number) ? DialogValue.FromMoney((long)number) : DialogValue.FromNumber(number);
        }

        if (MoneyParser.TryParse(text, out var rupiah))
        {
            return DialogValue.FromMoney(rupiah);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DialogValue.FromDate(date);
        }

        return DialogValue.FromText(text);
    }

    private LocalizedText? ReadText(YamlNode node, string what, SourcePosition? at = null)
    {
        if (node is YamlScalarNode scalar)
        {
            if (string.IsNullOrWhiteSpace(scalar.Value))
            {
                Error(node, DiagnosticCodes.BadValue, $"{what} has an empty text");
                return null;
            }

            WarnIfYesNoWord(scalar);

            // One plain text serves every language: right for names and numbers, a choice the maintainer made.
            var template = TextTemplate.Parse(scalar.Value);
            return new LocalizedText(_languages.ToDictionary(l => l, _ => template));
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, DiagnosticCodes.BadValue, $"{what} is a text, or a mapping from language (id, en) to text");
            return null;
        }

        if (map.Children.Count == 0)
        {
            // "{}" has no text at all: an error, not only a missing translation per language.
            Error(node, DiagnosticCodes.BadValue, $"{what} has an empty text");
            return null;
        }

        var texts = new Dictionary<string, TextTemplate>(StringComparer.Ordinal);
        foreach (var (language, keyNode, value) in map.Entries())
        {
            if (!_languages.Contains(language))
            {
                Error(keyNode, DiagnosticCodes.UnknownKey, Languages.IsKnown(language)
                    ? $"{what} has text for '{language}', which this dialog does not declare in 'languages'"
                    : $"'{language}' is not a language{Suggestions.DidYouMean(language, _languages)}; known: {string.Join(", ", _languages)}");
                continue;
            }

            if (value.Scalar() is not { Length: > 0 } text)
            {
                Error(value, DiagnosticCodes.BadValue, $"{what} has an empty '{language}' text");
                continue;
            }

            WarnIfYesNoWord(value);
            texts[language] = TextTemplate.Parse(text);
        }

        foreach (var language in _languages)
        {
            // An empty text was reported above as an error; it is not also a missing translation.
            if (!texts.ContainsKey(language) && map.Get(language) is null)
            {
                Warning(at ?? node.At(_file), DiagnosticCodes.MissingTranslation, $"{what} has no '{language}' text");
            }
        }

        return texts.Count == 0 ? null : new LocalizedText(texts);
    }

    /// <summary>A text written Yes or No reads as a yes/no value, not a text, in YAML 1.1 tools.</summary>
    private void WarnIfYesNoWord(YamlNode node)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value } && YamlEventCheck.IsYesNoWord(value))
        {
            Warning(node.At(_file), DiagnosticCodes.AmbiguousScalar, $"YAML 1.1 parsers read the text '{value}' as a yes/no value; quote it (\"{value}\")");
        }
    }

    private IEnumerable<YamlNode> Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }

        Error(node, DiagnosticCodes.BadValue, $"{what} is a list");
        return [];
    }

    private string? RequiredScalar(YamlMappingNode map, string key, string what)
    {
        var node = map.Get(key);
        if (node is null)
        {
            Error(map.At(_file), DiagnosticCodes.MissingField, $"{what} has no '{key}'");
            return null;
        }

        if (node.Scalar() is not { Length: > 0 } value || !IsIdentifier(value))
        {
            Error(node, DiagnosticCodes.BadValue, $"'{key}' is letters, digits, '_' or '-'");
            return null;
        }

        return value;
    }

    private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var (key, keyNode, _) in map.Entries())
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                Error(keyNode, DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {what}{Suggestions.DidYouMean(key, allowed)}");
            }
        }
    }

    private static readonly string[] InputNames = Enum.GetValues<InputKind>().Select(InputName).ToArray();

    internal static string InputName(InputKind kind) => kind == InputKind.YesNo ? "yesno" : kind.ToString().ToLowerInvariant();

    private static bool TryInputKind(string name, out InputKind kind)
    {
        var index = Array.IndexOf(InputNames, name.ToLowerInvariant());
        kind = index >= 0 ? (InputKind)index : InputKind.Text;
        return index >= 0;
    }

    private static bool IsIdentifier(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool IsKey(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static string Slug(string label) =>
        new(label.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private void Error(YamlNode node, string code, string message) => Error(node.At(_file), code, message);

    private void Error(SourcePosition position, string code, string message) =>
        _diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Error, code, message));

    private void Warning(SourcePosition position, string code, string message) =>
        _diagnostics.Add(new Diagnostic(position, DiagnosticSeverity.Warning, code, message));
}
