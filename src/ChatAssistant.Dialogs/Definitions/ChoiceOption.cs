using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// A button of a choice question: the value saved, and the label shown. <see cref="Synonyms"/> are other
/// words owners use for it (<c>synonyms: [makanan, kuliner]</c>), in any language; typing one picks it.
/// <see cref="Short"/> is the label's short form (<c>short:</c>), shown where a channel's buttons are narrower
/// than the label (WhatsApp: 20 characters a reply button, 24 a list row).
/// </summary>
public sealed record ChoiceOption(string Value, LocalizedText Label, SourcePosition Position)
{
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    public LocalizedText? Short { get; init; }
}
