using System.Text.RegularExpressions;
using ChatAssistant.Dialogs.Definitions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// One pass over a file's YAML events before it is loaded into nodes: refuses anchors and aliases (an alias
/// bomb would expand exponentially when the nodes are walked; dialog files have no need to share a node), and
/// warns on plain scalars that a YAML 1.1 parser (PyYAML, many editors' tools) reads otherwise than this
/// reader does. The pass is linear in the file's size; a syntax error ends it quietly, since the load that
/// follows reports it with its position.
/// </summary>
internal static partial class YamlEventCheck
{
    /// <summary>Deeper nesting than any dialog needs; refused so that reading the nodes cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Checks the file; false when it uses anchors or aliases or nests too deep, which are then reported as errors.</summary>
    public static bool Check(DialogSource source, List<Diagnostic> diagnostics)
    {
        var clean = true;
        var anchorReported = false;
        var aliasReported = false;
        var flowDepth = 0;
        var flows = new Stack<bool>();
        var parser = new Parser(new StringReader(source.Text));
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        if (!aliasReported)
                        {
                            aliasReported = true;
                            clean = false;
                            diagnostics.Add(new Diagnostic(At(source, alias.Start), DiagnosticSeverity.Error, DiagnosticCodes.YamlAlias,
                                $"aliases (*{alias.Value}) are not allowed in dialog and test files; write the value out"));
                        }

                        break;
                    case NodeEvent { Anchor.IsEmpty: false } anchored:
                        // The first anchor and the first alias are enough to say what to change; a bomb has thousands.
                        if (!anchorReported)
                        {
                            anchorReported = true;
                            clean = false;
                            diagnostics.Add(new Diagnostic(At(source, anchored.Start), DiagnosticSeverity.Error, DiagnosticCodes.YamlAlias,
                                $"anchors (&{anchored.Anchor.Value}) are not allowed in dialog and test files; write the value out"));
                        }

                        if (anchored is Scalar anchoredScalar)
                        {
                            CheckScalar(source, anchoredScalar, flowDepth > 0, diagnostics);
                        }
                        else if (!Enter(anchored))
                        {
                            return false;
                        }

                        break;
                    case Scalar scalar:
                        CheckScalar(source, scalar, flowDepth > 0, diagnostics);
                        break;
                    case SequenceStart or MappingStart:
                        if (!Enter((NodeEvent)parser.Current))
                        {
                            return false;
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        if (flows.TryPop(out var wasFlow) && wasFlow)
                        {
                            flowDepth--;
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Reported by the load that follows, with its position.
        }

        return clean;

        bool Enter(NodeEvent start)
        {
            var flow = start is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };
            flows.Push(flow);
            if (flow)
            {
                flowDepth++;
            }

            if (flows.Count <= MaxDepth)
            {
                return true;
            }

            diagnostics.Add(new Diagnostic(At(source, start.Start), DiagnosticSeverity.Error, DiagnosticCodes.BadValue,
                $"nested more than {MaxDepth} levels deep; no dialog needs that"));
            return false;
        }
    }

    /// <summary>Why a YAML 1.1 parser reads this plain scalar as something else, or null when it reads it alike.</summary>
    internal static string? Yaml11Reading(string value, bool inFlow)
    {
        if (inFlow && value.Contains('?', StringComparison.Ordinal))
        {
            return "a YAML 1.1 parser (PyYAML) cannot read a plain '?' inside { } or [ ]";
        }

        if (OnOff().IsMatch(value))
        {
            return $"YAML 1.1 parsers read '{value}' as a yes/no value";
        }

        if (LeadingZero().IsMatch(value))
        {
            return $"YAML 1.1 parsers read '{value}' as an octal number or drop its leading zero";
        }

        if (Sexagesimal().IsMatch(value))
        {
            return $"YAML 1.1 parsers read '{value}' as a base-60 number (1:30 is 90)";
        }

        return null;
    }

    /// <summary>True for the YAML 1.1 words for yes and no that this reader takes as yes/no too.</summary>
    internal static bool IsYesNoWord(string value) => YesNo().IsMatch(value);

    private static void CheckScalar(DialogSource source, Scalar scalar, bool inFlow, List<Diagnostic> diagnostics)
    {
        if (scalar.Style != ScalarStyle.Plain || Yaml11Reading(scalar.Value, inFlow) is not { } reading)
        {
            return;
        }

        diagnostics.Add(new Diagnostic(At(source, scalar.Start), DiagnosticSeverity.Warning, DiagnosticCodes.AmbiguousScalar,
            $"{reading}; quote it (\"{scalar.Value}\")"));
    }

    private static SourcePosition At(DialogSource source, Mark mark) => new(source.Path, (int)mark.Line, (int)mark.Column);

    // y, n, on and off are yes/no words in YAML 1.1 (not 1.2, not this reader); yes/no/true/false are read as
    // yes/no here too and are checked where a text is expected.
    [GeneratedRegex("^(y|Y|n|N|on|On|ON|off|Off|OFF)$", RegexOptions.CultureInvariant)]
    private static partial Regex OnOff();

    [GeneratedRegex("^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE)$", RegexOptions.CultureInvariant)]
    private static partial Regex YesNo();

    [GeneratedRegex("^[-+]?0[0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingZero();

    [GeneratedRegex("^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Sexagesimal();
}
