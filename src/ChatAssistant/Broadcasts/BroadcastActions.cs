using System.Globalization;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// The announcement dialogs' actions: owners' /berhenti and /mulai, and the operators' /siaran preview and send.
/// They run on the writer inside the message's transaction, so a broadcast created from a chat exists exactly
/// when the operator's confirmation is committed.
/// </summary>
internal sealed class BroadcastActions(BroadcastStore store, TrainingCatalog training, IOptions<BroadcastOptions> options, ILogger<BroadcastActions> logger)
    : IDialogActionHandler
{
    public const string OptOut = "announcements_off";
    public const string OptIn = "announcements_on";
    public const string PreviewAction = "broadcast_preview";
    public const string Send = "broadcast_send";

    private const int SampleSize = 3;

    public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { OptOut, OptIn, PreviewAction, Send };

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(conversation);
        switch (action)
        {
            case OptOut or OptIn:
                if (session.OwnerId != 0)
                {
                    store.SetOptedOut(session.OwnerId, action == OptOut, now.ToUnixTimeMilliseconds());
                }

                return new Dictionary<string, DialogValue>(StringComparer.Ordinal);

            case PreviewAction:
                return Preview(session, conversation);

            case Send:
                return SendBroadcast(session, conversation, now);

            default:
                throw new ArgumentException($"BroadcastActions has no action '{action}'.", nameof(action));
        }
    }

    private Dictionary<string, DialogValue> Preview(UserSession session, ConversationState conversation)
    {
        var language = session.Language;
        if (!SegmentParser.TryParse(Text(conversation, "broadcast_filters"), language, out var segment, out var errors)
            || (errors = SegmentChecks.Problems(store, segment, language, [.. training.Programs.Select(p => p.Id)])).Count > 0)
        {
            return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
            {
                ["broadcast_valid"] = DialogValue.FromBool(false),
                ["broadcast_error"] = DialogValue.FromText(string.Join("\n", errors)),
            };
        }

        var (count, _) = store.PreviewSegment(segment, SampleSize);
        var leftOut = store.ExcludedFromSegment(segment).Describe(language);
        var text = Text(conversation, "broadcast_text") ?? string.Empty;
        var quiet = options.Value.QuietHours;
        var english = language == Languages.English;
        var start = quiet.Start.ToString(english ? "hh\\:mm" : "hh\\.mm", CultureInfo.InvariantCulture);
        var end = quiet.End.ToString(english ? "hh\\:mm" : "hh\\.mm", CultureInfo.InvariantCulture);
        var note = quiet.IsOff
            ? string.Empty
            : english
                ? $" Owners in quiet hours ({start}-{end} their time) get it in their morning."
                : $" Pemilik usaha yang sedang di jam tenang ({start}-{end} waktu setempat) menerimanya pagi hari.";
        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["broadcast_valid"] = DialogValue.FromBool(true),
            ["broadcast_count"] = DialogValue.FromNumber(count),
            ["broadcast_segment"] = DialogValue.FromText(segment.IsEveryone ? (english ? "everyone" : "semua") : segment.ToString()),
            ["broadcast_note"] = DialogValue.FromText(note),

            // Starts with a space so that the texts read the same whether or not anybody is left out.
            ["broadcast_excluded"] = DialogValue.FromText(leftOut.Length == 0 ? string.Empty : " " + leftOut),
            ["broadcast_preview"] = DialogValue.FromText(AnnouncementText.Compose(text, null, Languages.Indonesian)),
        };
    }

    private Dictionary<string, DialogValue> SendBroadcast(UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        // Run again for the same conversation (it should not be, but a retried step must not send twice): same result.
        if (conversation.Answers.TryGetValue("broadcast_id", out var existing) && existing.IsSet)
        {
            return new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["broadcast_id"] = existing };
        }

        var text = Text(conversation, "broadcast_text");
        if (text is null || !SegmentParser.TryParse(Text(conversation, "broadcast_filters"), session.Language, out var segment, out _))
        {
            return new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["broadcast_recipients"] = DialogValue.FromNumber(0) };
        }

        // Everyone in the segment may have left (opted out, blocked) since the preview: a broadcast for nobody is
        // not created, and the dialog says so instead of "started for 0".
        if (store.PreviewSegment(segment, 0).Count == 0)
        {
            return new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["broadcast_recipients"] = DialogValue.FromNumber(0) };
        }

        var createdBy = "chat:" + session.OwnerId.ToString(CultureInfo.InvariantCulture);
        var ms = now.ToUnixTimeMilliseconds();
        var id = store.CreateBroadcast(new BroadcastDraft(text, null, null, segment, createdBy, null), ms);
        var recipients = store.RecipientCount(id);
        Log.CreatedFromChat(logger, id, recipients, segment.ToString());
        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["broadcast_id"] = DialogValue.FromText(id.ToString(CultureInfo.InvariantCulture)),
            ["broadcast_recipients"] = DialogValue.FromNumber(recipients),
        };
    }

    private static string? Text(ConversationState conversation, string key) =>
        conversation.Answers.TryGetValue(key, out var value) && value.Text is { Length: > 0 } text ? text : null;
}
