using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Storage;

/// <summary>The <c>conversations.mode</c> column: NULL, <c>confirm</c>, or <c>edit:&lt;review step&gt;</c>.</summary>
internal static class ConversationModes
{
    private const string Confirm = "confirm";
    private const string EditPrefix = "edit:";

    public static string? Write(ConversationMode mode, string? reviewStepId) => mode switch
    {
        ConversationMode.Confirming => Confirm,
        ConversationMode.Editing => EditPrefix + reviewStepId,
        _ => null,
    };

    public static (ConversationMode Mode, string? ReviewStepId) Read(string? stored) => stored switch
    {
        Confirm => (ConversationMode.Confirming, null),
        { } edit when edit.StartsWith(EditPrefix, StringComparison.Ordinal) => (ConversationMode.Editing, edit[EditPrefix.Length..]),
        _ => (ConversationMode.Normal, null),
    };
}
