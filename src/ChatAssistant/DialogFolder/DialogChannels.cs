using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// The channels dialogs are shown on, whose limits every load of the dialog folder checks (the worker's load and
/// reloads, and dialogs validate, test and graph). Hosting composes it from the channels, so that this folder
/// depends on none of them.
/// </summary>
internal sealed record DialogChannels(IReadOnlyList<ChannelLimits> Limits)
{
    /// <summary>
    /// The other files of the dialogs folder that speak to owners on these channels (data/reminders.yaml), each
    /// checked by <c>dialogs validate</c> with its own feature's reader. Hosting composes them too, so that this folder
    /// depends on none of those features.
    /// </summary>
    public IReadOnlyList<DataFileCheck> DataFiles { get; init; } = [];
}

/// <summary>
/// A data file in the dialogs folder at <paramref name="File"/> (relative to the folder) and how to check it: given its
/// path and the name to print, every problem as a diagnostic (none when it reads). A folder without the file is fine.
/// </summary>
internal sealed record DataFileCheck(string File, Func<string, string, IReadOnlyList<Diagnostic>> Check);
