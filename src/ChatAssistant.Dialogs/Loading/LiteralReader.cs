using System.Globalization;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Programmes;
using ChatAssistant.Dialogs.Values;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// Reads the values written in a dialog file (condition operands, case values, bounds) as the kind they are
/// compared with, taking a programme rule's value where the file names one (<c>programme.sehati.max_sales</c>).
/// </summary>
internal sealed class LiteralReader(FileReport report, ProgrammeData? programmes)
{
    /// <summary>
    /// A condition or case value: a programme rule's value when it names one (<c>programme.sehati.max_sales</c>),
    /// so that thresholds live, dated and sourced, in the programme data; otherwise the literal as written.
    /// </summary>
    public DialogValue Literal(YamlScalarNode node, ValueKind expected)
    {
        if (node.IsQuoted() || node.Value is not { } text || !text.StartsWith(ProgrammeData.Prefix, StringComparison.Ordinal))
        {
            return ParseLiteral(node, expected);
        }

        if (programmes?.Find(text) is { IsText: false } rule)
        {
            return ParseLiteral(new YamlScalarNode(rule.Raw), expected);
        }

        report.Error(node, DiagnosticCodes.UnknownRule, programmes is null
            ? $"'{text}' names a programme rule, but there is no programme data file (data/programmes.yaml) or it has errors"
            : programmes.Find(text) is not null
                ? $"programme rule '{text}' is words, not a value a condition can compare"
                : $"no programme rule '{text}' in {programmes.Path}{Suggestions.DidYouMean(text, programmes.Rules.Select(r => r.Key))}");

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
    public YamlScalarNode RuleNode(YamlScalarNode node) =>
        !node.IsQuoted() && node.Value is { } text && text.StartsWith(ProgrammeData.Prefix, StringComparison.Ordinal) && programmes?.Find(text) is { IsText: false } rule
            ? new YamlScalarNode(rule.Raw)
            : node;

    /// <summary>A number under <paramref name="key"/> of a step (min, max, add, scale_to, ...), or null when absent or not a number.</summary>
    public decimal? ReadBound(YamlMappingNode map, string key, string stepId)
    {
        if (map.Get(key) is not YamlScalarNode node)
        {
            return null;
        }

        var literal = ParseLiteral(RuleNode(node), ValueKind.Number);
        if (!literal.IsNumeric)
        {
            report.Error(node, DiagnosticCodes.BadValue, $"'{key}' of step '{stepId}' is a number");
            return null;
        }

        return literal.Number;
    }

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
}
