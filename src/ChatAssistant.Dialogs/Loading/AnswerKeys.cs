using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Values;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// The answer keys of one dialog file: which keys its steps save or compute, and of what kind, so that a
/// reference to a key nothing sets is reported and condition literals are read as the kind they are compared with.
/// </summary>
internal sealed class AnswerKeys(FileReport report, LiteralReader literals)
{
    // The value kind of every answer key this dialog saves or computes, so that condition literals are read as
    // the kind they are compared with (and a mismatch is reported) rather than guessed from their spelling.
    private readonly Dictionary<string, ValueKind> _kinds = new(StringComparer.Ordinal);

    // Profile keys read here; another dialog may save them, so they are checked once every file is read.
    private readonly List<(string Key, SourcePosition Position)> _profileReads = [];

    public IReadOnlyList<(string Key, SourcePosition Position)> ProfileReads => _profileReads;

    /// <summary>The kind of a key's value; <see cref="ValueKind.None"/> when unknown (an action fills it, or it is not set).</summary>
    public ValueKind KindOf(string key) => _kinds.GetValueOrDefault(key);

    /// <summary>Notes every key the steps set before any step is read, so that a condition may refer to a later step.</summary>
    public void Collect(YamlMappingNode stepsMap)
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
                var kind = step.Get("input")?.Scalar() is { } input && DialogFileKeys.TryInputKind(input, out var k) ? k
                    : step.Get("options") is not null || step.Get("options_from") is not null ? InputKind.Choice : InputKind.Text;
                // An unknown input kind is reported where it is written; its answer is not compared against a guess.
                _kinds[key] = step.Get("input") is { } written && !DialogFileKeys.TryInputKind(written.Scalar() ?? string.Empty, out _) ? ValueKind.None : ValueKindOf(kind);
            }
            else if (step.Get("call") is not null && step.Get("sets") is YamlSequenceNode filled)
            {
                // What an action returns is known only at run time: its keys exist, untyped.
                foreach (var key in filled.Children.Select(c => c.Scalar()).OfType<string>())
                {
                    _kinds.TryAdd(key, ValueKind.None);
                }
            }
            else if (step.Get("compute")?.Scalar() is { } summed && step.Get("sum") is not null)
            {
                _kinds[summed] = ValueKind.Number;
            }
            else if (step.Get("compute")?.Scalar() is { } collected && step.Get("collect") is not null)
            {
                _kinds[collected] = ValueKind.List;
            }
            else if (step.Get("compute")?.Scalar() is { } set && step.Get("cases") is YamlSequenceNode cases)
            {
                var kind = ValueKind.None;
                foreach (var row in cases.OfType<YamlMappingNode>())
                {
                    if (row.Get("value") is YamlScalarNode value)
                    {
                        kind = LiteralReader.ParseLiteral(literals.RuleNode(value), ValueKind.None).Kind;
                        break;
                    }
                }

                _kinds[set] = kind;
            }
        }
    }

    /// <summary>A reference to an answer key: reported when nothing in this file sets it (profile keys are checked across files).</summary>
    public string? Read(YamlNode node)
    {
        var key = node.Scalar();
        if (key is null || !DialogFileKeys.IsKey(key))
        {
            report.Error(node, DiagnosticCodes.BadValue, "expected an answer key");
            return null;
        }

        if (key.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal))
        {
            _profileReads.Add((key, report.At(node)));
        }
        else if (!_kinds.ContainsKey(key))
        {
            report.Error(node, DiagnosticCodes.UnknownAnswer,
                $"no step saves or computes '{key}'{Suggestions.DidYouMean(key, _kinds.Keys)}");
        }

        return key;
    }

    private static ValueKind ValueKindOf(InputKind kind) => kind switch
    {
        InputKind.Integer or InputKind.Number => ValueKind.Number,
        InputKind.Money => ValueKind.Money,
        InputKind.YesNo => ValueKind.Bool,
        InputKind.Date => ValueKind.Date,
        _ => ValueKind.Text,
    };
}
