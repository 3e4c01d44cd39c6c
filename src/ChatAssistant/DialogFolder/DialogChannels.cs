using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// The channels dialogs are shown on, whose limits every load of the dialog folder checks (the worker's load and
/// reloads, and dialogs validate, test and graph). Hosting composes it from the channels, so that this folder
/// depends on none of them.
/// </summary>
internal sealed record DialogChannels(IReadOnlyList<ChannelLimits> Limits);
