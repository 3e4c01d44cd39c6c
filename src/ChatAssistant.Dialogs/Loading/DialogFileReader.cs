using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Programmes;
using ChatAssistant.Dialogs.Texts;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads one dialog file into a <see cref="DialogDefinition"/>, reporting every problem it finds with its
/// line and column rather than stopping at the first. Runs once at load time; nothing here is on the message path.
/// This part reads the dialog's own fields and walks its steps; the YAML, steps, conditions, texts and values
/// have readers of their own, all reporting to one <see cref="FileReport"/>.
/// </summary>
internal sealed class DialogFileReader
{
    private static readonly string[] Audiences = ["owners", "operators"];

    private readonly string _file;
    private readonly FileReport _report;
    private readonly DialogTextReader _texts;
    private readonly AnswerKeys _keys;
    private readonly StepReader _steps;

    private DialogFileReader(string file, List<Diagnostic> diagnostics, IReadOnlySet<string>? choiceSources, IReadOnlySet<string>? actions, ProgrammeData? programmes)
    {
        _file = file;
        _report = new FileReport(file, diagnostics);
        _texts = new DialogTextReader(_report);
        var literals = new LiteralReader(_report, programmes);
        _keys = new AnswerKeys(_report, literals);
        var conditions = new ConditionReader(_report, _keys, literals);
        var next = new NextRuleReader(_report, conditions);
        _steps = new StepReader(_report, _texts, _keys, next,
            new AskStepReader(_report, _texts, literals, next, choiceSources),
            new ComputeStepReader(_report, conditions, literals, _keys, next),
            actions);
    }

    /// <param name="choiceSources">The run-time lists the host provides for <c>options_from</c>; null accepts any name.</param>
    /// <param name="actions">The actions the host provides for <c>call</c> steps; null accepts any name.</param>
    /// <param name="programmes">The programme rules conditions may compare with (<c>programme.sehati.max_sales</c>).</param>
    public static DialogDefinition? Read(DialogSource source, List<Diagnostic> diagnostics, IReadOnlySet<string>? choiceSources = null, IReadOnlySet<string>? actions = null, ProgrammeData? programmes = null)
    {
        var reader = new DialogFileReader(source.Path, diagnostics, choiceSources, actions, programmes);
        return DialogYamlParser.Parse(source, diagnostics, reader._report) is { } root ? reader.ReadRoot(root, source.Text) : null;
    }

    private DialogDefinition? ReadRoot(YamlMappingNode root, string text)
    {
        _report.CheckKeys(root, DialogFileKeys.RootKeys, "dialog");
        var id = _report.RequiredScalar(root, "id", "dialog");
        var version = 1;
        if (root.Get("version") is { } versionNode)
        {
            if (!int.TryParse(versionNode.Scalar(), NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1)
            {
                _report.Error(versionNode, DiagnosticCodes.BadValue, "version is a whole number from 1");
                version = 1;
            }
        }
        else
        {
            _report.Error(root.At(_file), DiagnosticCodes.MissingField, "dialog has no 'version'");
        }

        if (root.Get("languages") is { } languagesNode)
        {
            var languages = new List<string>();
            foreach (var item in _report.Sequence(languagesNode, "languages"))
            {
                var code = item.Scalar();
                if (Languages.IsKnown(code))
                {
                    languages.Add(code!);
                }
                else
                {
                    _report.Error(item, DiagnosticCodes.BadValue, $"unknown language '{code}'; known: {string.Join(", ", Languages.All)}");
                }
            }

            if (!languages.Contains(Languages.Indonesian))
            {
                _report.Error(languagesNode, DiagnosticCodes.BadValue, "languages must include 'id' (Bahasa Indonesia, the default)");
            }

            _texts.Declared = languages;
        }

        var title = root.Get("title") is { } titleNode ? _texts.Read(titleNode, "title") : null;
        if (title is null && root.Get("title") is null)
        {
            _report.Error(root.At(_file), DiagnosticCodes.MissingField, "dialog has no 'title'");
        }

        var commands = new List<string>();
        if (root.Get("commands") is { } commandsNode)
        {
            foreach (var item in _report.Sequence(commandsNode, "commands"))
            {
                var command = item.Scalar();
                if (command is { Length: >= 2 } && command[0] == '/' && command.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    commands.Add(command.ToLowerInvariant());
                }
                else
                {
                    _report.Error(item, DiagnosticCodes.BadValue, $"a command is '/' and letters, digits or '_' (like /stimulus), not '{command}'");
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
                _report.Error(menuNode, DiagnosticCodes.BadValue, "menu is the dialog's place in the main menu, a whole number (1 comes first), or no to leave it out");
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
                _report.Error(audienceNode, DiagnosticCodes.BadValue,
                    $"audience is one of {string.Join(", ", Audiences)}, not '{audienceNode.Scalar()}'{Suggestions.DidYouMean(name, Audiences)}");
            }
        }

        var parameters = new List<StartParameter>();
        if (root.Get("parameters") is { } parametersNode)
        {
            foreach (var item in _report.Sequence(parametersNode, "parameters"))
            {
                var key = item.Scalar();
                if (key is null || !DialogFileKeys.IsKey(key))
                {
                    _report.Error(item, DiagnosticCodes.BadValue, $"a parameter is an answer key: letters, digits, '_' or '.', not '{key}'");
                }
                else if (parameters.Any(p => p.Key == key))
                {
                    _report.Error(item, DiagnosticCodes.BadValue, $"parameter '{key}' is listed twice");
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
                    if (_texts.Read(value, $"label '{key}'") is { } label)
                    {
                        labels[key] = label;
                    }
                }
            }
            else
            {
                _report.Error(labelsNode, DiagnosticCodes.BadValue, "labels is a mapping from a value to its text per language");
            }
        }

        var steps = new List<StepDefinition>();
        if (root.Get("steps") is YamlMappingNode stepsMap)
        {
            _keys.Collect(stepsMap);
            var entries = stepsMap.Entries().ToList();
            for (var i = 0; i < entries.Count; i++)
            {
                var (stepId, keyNode, stepNode) = entries[i];
                var following = i + 1 < entries.Count ? entries[i + 1].Key : null;
                if (!DialogFileKeys.IsIdentifier(stepId))
                {
                    _report.Error(keyNode, DiagnosticCodes.BadValue, $"a step id is letters, digits, '_' or '-', not '{stepId}'");
                    continue;
                }

                var reported = _report.Count;
                if (_steps.Read(stepId, keyNode, stepNode, following) is { } step)
                {
                    steps.Add(step);
                    continue;
                }

                // A stand-in must never run: make sure the file has an error for this step.
                if (!_report.HasErrorSince(reported))
                {
                    _report.Error(keyNode, DiagnosticCodes.BadValue, $"step '{stepId}' could not be read");
                }

                steps.Add(_steps.StandIn(stepId, keyNode, stepNode, following));
            }
        }
        else
        {
            _report.Error(root.Get("steps") ?? (YamlNode)root, root.Get("steps") is null ? DiagnosticCodes.MissingField : DiagnosticCodes.BadValue,
                "dialog needs 'steps': a mapping from step id to step");
        }

        var start = _report.RequiredScalar(root, "start", "dialog");
        if (start is not null && steps.Count > 0 && !steps.Any(s => s.Id == start))
        {
            _report.Error(root.Get("start")!, DiagnosticCodes.UnknownStep, $"start step '{start}' does not exist{Suggestions.DidYouMean(start, steps.Select(s => s.Id))}");
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
        return new DialogDefinition(id, version, _texts.Declared, title, commands, menuOrder, start, steps, labels, root.At(_file), hash)
        {
            Audience = audience,
            Parameters = parameters,
            MenuPosition = root.Get("menu")?.At(_file),
            InMenu = inMenu,
            ProfileReads = _keys.ProfileReads,
        };
    }
}
