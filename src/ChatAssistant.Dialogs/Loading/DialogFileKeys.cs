using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// The words a dialog file is written in: the keys each mapping accepts, the input kinds, and how ids and answer
/// keys are spelled. dialogs/dialog.schema.json names the same keys, so that editors complete what the reader accepts.
/// </summary>
internal static class DialogFileKeys
{
    internal static readonly string[] RootKeys = ["id", "version", "languages", "title", "description", "commands", "menu", "audience", "parameters", "start", "steps", "labels"];
    internal static readonly string[] StepKindKeys = ["say", "ask", "compute", "call", "review", "end"];
    internal static readonly string[] SayKeys = ["say", "next", "note"];
    internal static readonly string[] AskKeys = ["ask", "input", "options", "options_from", "confirm", "save", "min", "max", "reprompt", "help", "next", "note",
        "confirm_above", "confirm_below", "per", "self_counts_as"];
    internal static readonly string[] ComputeKeys = ["compute", "cases", "sum", "scale_to", "collect", "skip", "limit", "next", "note"];
    internal static readonly string[] EndKeys = ["end", "outcome", "note"];
    internal static readonly string[] ReviewKeys = ["review", "keys", "next", "note"];
    internal static readonly string[] CallKeys = ["call", "sets", "next", "note"];
    internal static readonly string[] ReviewItemKeys = ["key", "label"];
    internal static readonly string[] NextRuleKeys = ["when", "goto"];
    internal static readonly string[] CaseKeys = ["when", "value", "value_from"];
    internal static readonly string[] SumTermKeys = ["when", "add", "applies"];
    internal static readonly string[] CollectItemKeys = ["when", "item"];
    internal static readonly string[] OptionKeys = ["value", "id", "en", "short", "synonyms"];
    internal static readonly string[] ConditionKeys = ["all", "any", "not", "eq", "ne", "lt", "lte", "gt", "gte", "in", "set"];
    internal static readonly string[] InputNames = Enum.GetValues<InputKind>().Select(InputName).ToArray();

    internal static string InputName(InputKind kind) => kind == InputKind.YesNo ? "yesno" : kind.ToString().ToLowerInvariant();

    internal static bool TryInputKind(string name, out InputKind kind)
    {
        var index = Array.IndexOf(InputNames, name.ToLowerInvariant());
        kind = index >= 0 ? (InputKind)index : InputKind.Text;
        return index >= 0;
    }

    internal static bool IsIdentifier(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    internal static bool IsKey(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
