namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// What one channel can show of a question, passed in by the host that shows the dialogs there, so that the
/// validator says where a dialog would not fit. The engine knows no channel itself; a null limit is one the
/// channel does not have.
/// </summary>
/// <param name="Name">The channel as maintainers know it, named in the messages ("WhatsApp", "Telegram").</param>
public sealed record ChannelLimits(string Name)
{
    /// <summary>
    /// Characters of a button label the channel shows (a reply button where the channel also has lists); a longer
    /// label is shortened at a word or replaced by its <c>short:</c> label (a warning; a longer short is an error).
    /// </summary>
    public int? MaxButtonLabel { get; init; }

    /// <summary>Characters of a list row's title, for questions with more options than reply buttons; null: as <see cref="MaxButtonLabel"/>.</summary>
    public int? MaxListRowLabel { get; init; }

    /// <summary>Reply buttons under one message; more options are shown as a list (a warning).</summary>
    public int? MaxReplyButtons { get; init; }

    /// <summary>Rows of one list message; more options are shown a page at a time (a warning).</summary>
    public int? MaxListRows { get; init; }

    /// <summary>
    /// UTF-8 bytes of what a button sends back: its tap token and the option value (<c>ButtonData.ForTap</c>). A
    /// button over it cannot be sent, so an option value that makes one is an error.
    /// </summary>
    public int? MaxButtonDataBytes { get; init; }
}
