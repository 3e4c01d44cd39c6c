using System.Globalization;
using System.Text;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Broadcasts;
using ChatAssistant.Training;
using ChatAssistant.Dialogs.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Privacy;

/// <summary>
/// The owner's rights under UU PDP No. 27/2022 as dialog actions (dialogs/privacy.yaml): <c>show_my_data</c>
/// lists what is stored, NIK and phone masked; <c>delete_my_data</c> erases it. Both run on the writer thread
/// inside the message's transaction, so a deletion commits with the reply that confirms it.
/// </summary>
/// <param name="dialogs">For the salutation the deployment addresses owners with, as the dialogs' <c>{sapaan}</c> does.</param>
/// <param name="training">Names a registration's training by its title rather than the id the database keeps.</param>
internal sealed class PrivacyActions(
    PrivacyStore store,
    BroadcastStore broadcasts,
    ILogger<PrivacyActions> logger,
    IOptions<DialogsOptions>? dialogs = null,
    TrainingCatalog? training = null) : IDialogActionHandler
{
    private readonly string _salutation = dialogs?.Value.Salutation is { Length: > 0 } configured && !string.IsNullOrWhiteSpace(configured)
        ? configured.Trim()
        : Salutation.Default;

    public const string ShowMyData = "show_my_data";
    public const string DeleteMyData = "delete_my_data";

    public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { ShowMyData, DeleteMyData };

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return action switch
        {
            ShowMyData => new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["my_data"] = DialogValue.FromText(Describe(session)) },
            DeleteMyData => Delete(session, conversation, now),
            _ => throw new ArgumentException($"PrivacyActions does not provide '{action}'.", nameof(action)),
        };
    }

    private Dictionary<string, DialogValue> Delete(UserSession session, ConversationState current, DateTimeOffset now)
    {
        if (session.OwnerId != 0)
        {
            store.EraseOwnerData(session.OwnerId);
        }

        // The writer caches this very session object: it must match the database after the commit.
        session.ClearProfile();
        foreach (var conversation in session.Conversations)
        {
            conversation.ClearAnswers();
            if (!ReferenceEquals(conversation, current) && conversation.IsOpen)
            {
                // Its answers are gone, so resuming it would skip questions it no longer has answers to.
                conversation.Status = ConversationStatus.Cancelled;
                conversation.MarkChanged(now);
            }
        }

        Log.OwnerDataDeleted(logger, session.OwnerId);
        return new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["deleted"] = DialogValue.FromBool(true) };
    }

    private string Describe(UserSession session)
    {
        var english = session.Language == Languages.English;
        var text = new StringBuilder();
        text.AppendLine(english ? "Your profile:" : $"Profil {_salutation}:");
        if (session.Profile.Count == 0)
        {
            text.AppendLine(english ? "- nothing stored" : "- belum ada yang tersimpan");
        }

        foreach (var (key, value) in session.Profile.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var shown = value.Kind == ValueKind.Text && value.Text is { } code ? DataLabels.Value(code, english) : null;
            text.Append("- ").Append(DataLabels.Key(key, english)).Append(": ")
                .AppendLine(shown is not null && shown != value.Text ? shown : PersonalData.Display(key, value, session.Language));
        }

        var conversations = session.OwnerId == 0 ? [] : store.OwnerConversations(session.OwnerId);
        text.AppendLine().AppendLine(english ? "Conversations:" : "Percakapan:");
        if (conversations.Count == 0)
        {
            text.AppendLine(english ? "- none yet" : "- belum ada");
        }

        foreach (var conversation in conversations)
        {
            text.Append("- ").Append(DataLabels.Dialog(conversation.DialogId, english))
                .Append(" (").Append(conversation.StartedAt.ToOffset(Wib.Offset).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture))
                .Append(", ").Append(StatusText(CurrentStatus(session, conversation), english));
            if (conversation.Outcome is { } outcome)
            {
                text.Append(english ? ", result: " : ", hasil: ").Append(DataLabels.Outcome(outcome, english));
            }

            text.AppendLine(")");
        }

        var registrations = session.OwnerId == 0 ? [] : store.OwnerRegistrations(session.OwnerId);
        if (registrations.Count > 0)
        {
            text.AppendLine().AppendLine(english ? "Training registrations:" : "Pendaftaran pelatihan:");
            foreach (var row in registrations)
            {
                text.Append("- ").AppendLine(string.Join(", ", row
                    .Where(c => c.Key is not ("id" or "user_id") && !c.Key.EndsWith("_at", StringComparison.Ordinal))
                    .Select(c => DataLabels.Key(c.Key, english) + ": " + c.Key switch
                    {
                        "status" => DataLabels.Value(c.Value, english),
                        "program_id" => training?.Find(c.Value)?.Title.Plain(session.Language) ?? c.Value,
                        _ => PersonalData.Display(c.Key, DialogValue.FromText(c.Value), session.Language),
                    })));
            }
        }

        if (session.OwnerId != 0)
        {
            var optedOut = broadcasts.IsOptedOut(session.OwnerId);
            text.AppendLine().AppendLine(english ? "Programme announcements:" : "Pengumuman program:").Append("- ").AppendLine(
                optedOut
                    ? (english ? "off (you said /stop; /subscribe turns them on)" : $"tidak aktif ({_salutation} memilih /berhenti; /mulai untuk mengaktifkan)")
                    : (english ? "on (/stop turns them off)" : "aktif (/berhenti untuk menghentikan)"));
        }

        return text.ToString().TrimEnd();
    }

    // This turn may have paused a conversation that the database still has as active (it is saved after the action).
    private static int CurrentStatus(UserSession session, OwnerConversation stored) =>
        session.Conversations.Find(c => c.Id == stored.Id) is { } open ? (int)open.Status : stored.Status;

    private static string StatusText(int status, bool english) => (ConversationStatus)status switch
    {
        ConversationStatus.Active => english ? "in progress" : "sedang berjalan",
        ConversationStatus.Paused => english ? "paused" : "dijeda",
        ConversationStatus.Completed => english ? "finished" : "selesai",
        _ => english ? "cancelled" : "dibatalkan",
    };
}
