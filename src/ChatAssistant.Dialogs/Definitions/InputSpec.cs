using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// How an ask step reads the owner's answer. <see cref="Min"/> and <see cref="Max"/> bound numbers and money
/// by value and text by length. <see cref="Reprompt"/> replaces the built-in re-prompt of the kind.
/// <see cref="OptionsSource"/> names a list filled at run time (e.g. the open training programmes) instead of
/// fixed <see cref="Options"/>.
/// </summary>
public sealed record InputSpec(
    InputKind Kind,
    IReadOnlyList<ChoiceOption> Options,
    decimal? Min,
    decimal? Max,
    LocalizedText? Reprompt,
    string? OptionsSource = null);
