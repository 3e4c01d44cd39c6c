using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// A dialog as its YAML file describes it. <see cref="Labels"/> give a localized reading of text values
/// (e.g. "micro" → "usaha mikro") wherever a value is shown in a message. <see cref="MenuOrder"/> places the
/// dialog in the main menu.
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
    string ContentHash);
