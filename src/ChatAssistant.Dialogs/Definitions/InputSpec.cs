using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// How an ask step reads the owner's answer. <see cref="Min"/> and <see cref="Max"/> bound numbers and money
/// by value and text by length. <see cref="Reprompt"/> replaces the built-in re-prompt of the kind.
/// </summary>
public sealed record InputSpec(
    InputKind Kind,
    IReadOnlyList<ChoiceOption> Options,
    decimal? Min,
    decimal? Max,
    LocalizedText? Reprompt);
