using System.Globalization;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Conversations;

/// <summary>
/// The <c>conversations.mode</c> column: NULL, <c>confirm</c>, <c>edit:&lt;review step&gt;</c>, or
/// <c>page:&lt;step&gt;:&lt;n&gt;</c> while a long list is shown from its page n, or
/// <c>check:&lt;why&gt;[:&lt;review step&gt;]</c> while an answer is said back for a yes or no.
/// </summary>
internal static class ConversationModes
{
    private const string Confirm = "confirm";
    private const string EditPrefix = "edit:";
    private const string PagePrefix = "page:";
    private const string CheckPrefix = "check:";

    public static string? Write(ConversationState conversation) => conversation.Mode switch
    {
        ConversationMode.Confirming => Confirm,
        ConversationMode.Editing => EditPrefix + conversation.ReviewStepId,
        ConversationMode.Checking => CheckPrefix + ((int)conversation.Check).ToString(CultureInfo.InvariantCulture)
            + (conversation.ReviewStepId is { } review ? ":" + review : string.Empty),
        _ when conversation.PagedStepId is { } step && conversation.Page > 0 =>
            PagePrefix + step + ":" + conversation.Page.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public static void Read(string? stored, ConversationState conversation)
    {
        switch (stored)
        {
            case Confirm:
                conversation.Mode = ConversationMode.Confirming;
                break;
            case { } edit when edit.StartsWith(EditPrefix, StringComparison.Ordinal):
                conversation.Mode = ConversationMode.Editing;
                conversation.ReviewStepId = edit[EditPrefix.Length..];
                break;
            case { } check when check.StartsWith(CheckPrefix, StringComparison.Ordinal):
                var body = check.AsSpan(CheckPrefix.Length);
                var colon = body.IndexOf(':');
                conversation.Mode = ConversationMode.Checking;
                conversation.Check = int.TryParse(colon < 0 ? body : body[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var why)
                    && Enum.IsDefined((AnswerCheck)why) ? (AnswerCheck)why : AnswerCheck.Range;
                conversation.ReviewStepId = colon < 0 ? null : body[(colon + 1)..].ToString();
                break;
            case { } page when page.StartsWith(PagePrefix, StringComparison.Ordinal) && page.LastIndexOf(':') is var cut and > 5
                && int.TryParse(page.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                conversation.PagedStepId = page[PagePrefix.Length..cut];
                conversation.Page = number;
                break;
        }
    }
}
