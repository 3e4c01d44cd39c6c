using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>One message to send: a text, or reply buttons or a list under a body.</summary>
internal sealed record WhatsAppPart(string Type, WaText? Text, WaInteractive? Interactive)
{
    public static WhatsAppPart ForText(string body) => new("text", new WaText(body, PreviewUrl: false), null);

    public static WhatsAppPart ForInteractive(WaInteractive interactive) => new("interactive", null, interactive);
}

/// <summary>The words the shape adds itself: the list's opening button and the row that leads to the next page.</summary>
internal sealed record WhatsAppWords(string ListButton, string More, string MoreDescription)
{
    public static WhatsAppWords Indonesian { get; } = new("Pilih", "Lainnya", "Pilihan berikutnya");

    public static WhatsAppWords English { get; } = new("Choose", "More", "Next options");
}

/// <summary>
/// How an outbox message looks on WhatsApp (the Cloud API's limits, CHANNELS.md): up to 3 buttons whose labels fit
/// (20 characters, or the maintainer's short label where the label is longer) become reply buttons; otherwise a
/// list (row title 24 characters, the short label or the label shortened at a word, the full label in the row's
/// description when the title is not the label); more than 10 options a list of pages, 9 options and a
/// "Lainnya" row each. Labels are shortened at a word, never cut inside one. Text longer than a message is sent
/// ahead as text parts cut at paragraphs; an interactive body keeps the last 1,024 characters. Button and row ids are
/// the outbox button data, so a tap comes back as the data the engine gave.
/// </summary>
internal static class WhatsAppMessageShape
{
    public const int MaxReplyButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxListRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxListButton = 20;
    public const int MaxBody = 1024;

    /// <summary>Options on a page of a list longer than <see cref="MaxListRows"/>; the tenth row leads on.</summary>
    public const int OptionsPerPage = MaxListRows - 1;

    /// <summary>The id of a "Lainnya" row: this prefix and the page it opens (1 is the second page).</summary>
    public const string MorePrefix = "wa:more:";

    /// <summary>
    /// The messages for <paramref name="message"/>, in order; <paramref name="page"/> picks a page of a long list. A later
    /// page is the list alone: the text before the question was read with the first page.
    /// </summary>
    public static IReadOnlyList<WhatsAppPart> Shape(OutboundMessage message, WhatsAppWords words, int page = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        var text = message.Text.Length == 0 ? "…" : message.Text;
        var buttons = message.Buttons;
        if (buttons.Count == 0)
        {
            return [.. WhatsAppText.Split(text).Select(WhatsAppPart.ForText)];
        }

        var (head, body) = WhatsAppText.SplitTail(text, MaxBody);
        var parts = head.Length == 0 || page > 0 ? [] : WhatsAppText.Split(head).Select(WhatsAppPart.ForText).ToList();
        var interactive = buttons.Count <= MaxReplyButtons && buttons.All(b => Fitting(b, MaxButtonTitle) is not null)
            ? ReplyButtons(body, buttons)
            : List(body, buttons, words, page);
        parts.Add(WhatsAppPart.ForInteractive(interactive));
        return parts;
    }

    /// <summary>Pages a list of <paramref name="options"/> takes: one up to 10, else 9 options a page until 10 are left.</summary>
    public static int PageCount(int options)
    {
        var pages = 1;
        for (var left = options; left > MaxListRows; left -= OptionsPerPage)
        {
            pages++;
        }

        return pages;
    }

    /// <summary>The page a "Lainnya" row opens, or false for any other id.</summary>
    public static bool TryParseMore(string id, out int page)
    {
        page = 0;
        return id.StartsWith(MorePrefix, StringComparison.Ordinal)
            && int.TryParse(id.AsSpan(MorePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page)
            && page > 0;
    }

    private static WaInteractive ReplyButtons(string body, IReadOnlyList<Button> buttons) =>
        new("button", new WaBody(body), new WaAction(
            Button: null,
            Buttons: [.. buttons.Select(b => new WaReplyButton("reply", new WaReply(b.Data, Fitting(b, MaxButtonTitle)!)))],
            Sections: null));

    private static WaInteractive List(string body, IReadOnlyList<Button> buttons, WhatsAppWords words, int page)
    {
        var pages = PageCount(buttons.Count);
        page = Math.Min(page, pages - 1);
        var first = page * OptionsPerPage;
        var last = page == pages - 1;
        var rows = buttons.Skip(first).Take(last ? MaxListRows : OptionsPerPage).Select(Row).ToList();
        if (!last)
        {
            rows.Add(new WaRow(MorePrefix + (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), WhatsAppText.Shorten(words.More, MaxRowTitle), WhatsAppText.Shorten(words.MoreDescription, MaxRowDescription)));
        }

        return new WaInteractive("list", new WaBody(body), new WaAction(
            Button: WhatsAppText.Shorten(words.ListButton, MaxListButton),
            Buttons: null,
            Sections: [new WaSection(null, rows)]));
    }

    private static WaRow Row(Button button)
    {
        var label = button.Label.Trim();
        var title = Fitting(button, MaxRowTitle) ?? WhatsAppText.Shorten(label, MaxRowTitle);
        return new WaRow(button.Data, title, title == label ? null : WhatsAppText.Shorten(label, MaxRowDescription));
    }

    /// <summary>The label when it fits in <paramref name="max"/> characters, else its short label when that fits; else null.</summary>
    private static string? Fitting(Button button, int max)
    {
        var label = button.Label.Trim();
        if (label.Length <= max)
        {
            return label;
        }

        return button.Short?.Trim() is { Length: > 0 } shortLabel && shortLabel.Length <= max ? shortLabel : null;
    }
}
