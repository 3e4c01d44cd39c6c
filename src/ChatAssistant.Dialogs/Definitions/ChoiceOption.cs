using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// A button of a choice question: the value saved, and the label shown. <see cref="Synonyms"/> are other
/// words owners use for it (<c>synonyms: [makanan, kuliner]</c>), in any language; typing one picks it.
/// </summary>
public sealed record ChoiceOption(string Value, LocalizedText Label, SourcePosition Position)
{
    public IReadOnlyList<string> Synonyms { get; init; } = [];
}
