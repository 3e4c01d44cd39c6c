using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// A dialog as its YAML file describes it. <see cref="Labels"/> give a localized reading of text values
/// (e.g. "micro" → "usaha mikro") wherever a value is shown in a message. <see cref="MenuOrder"/> places the
/// dialog in the main menu; <see cref="Audience"/> says who may start it, and <see cref="Parameters"/> which
/// answers its start command may preset.
/// </summary>
public sealed record DialogDefinition(
    string Id,
    int Version,
    IReadOnlyList<string> Languages,
    LocalizedText Title,
    IReadOnlyList<string> Commands,
    int MenuOrder,
    string Start,
    IReadOnlyList<StepDefinition> Steps,
    IReadOnlyDictionary<string, LocalizedText> Labels,
    SourcePosition Position,
    string ContentHash)
{
    public DialogAudience Audience { get; init; } = DialogAudience.Owners;

    public IReadOnlyList<StartParameter> Parameters { get; init; } = [];

    /// <summary>Where the file's <c>menu:</c> key is; null without one (for checks that need the key, not the default order).</summary>
    public SourcePosition? MenuPosition { get; init; }

    /// <summary>False for <c>menu: no</c>: the dialog starts by its commands only.</summary>
    public bool InMenu { get; init; } = true;

    /// <summary>Every <c>profile.*</c> key a condition or <c>value_from</c> reads, where: checked against what all dialogs save.</summary>
    public IReadOnlyList<(string Key, SourcePosition Position)> ProfileReads { get; init; } = [];

    /// <summary>The <c>profile.*</c> keys this dialog's steps save, compute or have set by an action.</summary>
    public IEnumerable<string> ProfileWrites => Steps
        .SelectMany(s => s switch
        {
            AskStep ask => [ask.SaveAs],
            ComputeStep compute => [compute.Set],
            CallStep call => call.Sets,
            _ => (IEnumerable<string>)[],
        })
        .Where(k => k.StartsWith(AskStep.ProfilePrefix, StringComparison.Ordinal));
}
