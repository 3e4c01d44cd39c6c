namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// An answer key that a start command may preset (top-level <c>parameters:</c>), e.g. <c>program</c> in
/// <c>/pelatihan program=BIMTEK-PDG-2026</c>, so that a broadcast link can carry the owner's choice.
/// </summary>
public sealed record StartParameter(string Key, SourcePosition Position);
