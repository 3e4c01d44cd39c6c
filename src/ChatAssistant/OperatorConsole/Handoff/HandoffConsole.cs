using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Handoff;
using ChatAssistant.Privacy;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole.Handoff;

/// <summary>
/// The console's handoff inbox, through the Handoff feature: reads on a connection of the page's own, and each
/// operator action (take, reply, hand back, close) on the writer with its audit row in the same transaction, so
/// neither is ever without the other. Without <c>Handoff:Enabled</c> there is no store: the inbox says so.
/// </summary>
internal sealed class HandoffConsole(
    IStorageProvider provider,
    IStoreWriter writer,
    ConsoleStore console,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    HandoffStore? store,
    ICurrentQuestion? questions)
{
    /// <summary>The longest reply the console takes (the channel splits long text; this keeps a paste from being a book).</summary>
    public const int MaxReply = 4000;

    /// <summary>How many lines of the owner's transcripts a request's page shows.</summary>
    public const int TranscriptLines = 100;

    /// <summary>On WhatsApp, a warning shows when the owner's window closes within this.</summary>
    public static readonly TimeSpan WindowWarning = TimeSpan.FromHours(2);

    public static HandoffConsole Create(IServiceProvider services) => new(
        services.GetRequiredService<IStorageProvider>(),
        services.GetRequiredService<IStoreWriter>(),
        services.GetRequiredService<ConsoleStore>(),
        services.GetRequiredService<IOptions<HandoffOptions>>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetService<HandoffStore>(),
        services.GetService<ConversationWriter>());

    /// <summary>Whether owners can ask for a person (Handoff:Enabled).</summary>
    public bool Enabled => store is not null;

    public TimeSpan UnansweredAfter => options.Value.UnansweredAfter;

    public DateTimeOffset Now => time.GetUtcNow();

    public IReadOnlyList<HandoffInboxItem> Inbox()
    {
        using var connection = provider.Open();
        return HandoffStore.Inbox(connection);
    }

    /// <summary>A request's page: the request, the owner's profile and answers (personal data masked) and the recent transcript; null when there is none.</summary>
    public HandoffView? View(long id)
    {
        using var connection = provider.Open();
        if (HandoffStore.Request(connection, id) is not { } request)
        {
            return null;
        }

        var profile = HandoffStore.Profile(connection, request.UserId);
        var transcript = HandoffStore.RecentTranscript(connection, request.UserId, TranscriptLines);
        return new HandoffView(request, Shown(profile.Values), [.. profile.Conversations.Select(Shown)], transcript, Window(request, Now));
    }

    public Task<HandoffOutcome> TakeAsync(long id, ConsoleOperator who, CancellationToken cancellationToken) =>
        RunAsync(who, id, (s, now) => s.Take(id, who.Id, now), AuditLog.Actions.HandoffTaken, _ => Detail(id), cancellationToken);

    public Task<HandoffOutcome> ReplyAsync(long id, ConsoleOperator who, string text, CancellationToken cancellationToken) =>
        RunAsync(who, id, (s, now) => s.Reply(id, who.Id, text, now), AuditLog.Actions.HandoffReplySent,
            o => Detail(id) + string.Create(CultureInfo.InvariantCulture, $": {text.Length} characters, outbox #{o.OutboxId}"), cancellationToken);

    public Task<HandoffOutcome> HandBackAsync(long id, ConsoleOperator who, CancellationToken cancellationToken) =>
        RunAsync(who, id, (s, now) => s.HandBack(id, who.Id, now, questions), AuditLog.Actions.HandoffHandedBack, _ => Detail(id), cancellationToken);

    public Task<HandoffOutcome> CloseAsync(long id, ConsoleOperator who, CancellationToken cancellationToken) =>
        RunAsync(who, id, (s, now) => s.Close(id, who.Id, now, questions), AuditLog.Actions.HandoffClosed, _ => Detail(id), cancellationToken);

    private Task<HandoffOutcome> RunAsync(
        ConsoleOperator who, long id, Func<HandoffStore, DateTimeOffset, HandoffOutcome> action, string auditAction, Func<HandoffOutcome, string> detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (store is null)
        {
            return Task.FromResult(new HandoffOutcome(HandoffResult.NotFound));
        }

        return writer.RunAsync(store, (s, now) =>
        {
            var outcome = action(s, now);
            if (outcome.Result == HandoffResult.Done)
            {
                console.Audit(who, auditAction, detail(outcome), now);
            }

            return outcome;
        }, cancellationToken);
    }

    private static string Detail(long id) => string.Create(CultureInfo.InvariantCulture, $"#{id}");

    /// <summary>
    /// WhatsApp's 24-hour window for a reply: closed when less than the outbox's margin is left (a reply would be
    /// refused there), closing soon within <see cref="WindowWarning"/>; other channels have none.
    /// </summary>
    public static ReplyWindow Window(HandoffDetail request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CustomerServiceWindow.Applies(request.Channel))
        {
            return new ReplyWindow(ReplyWindowState.None, null);
        }

        var closes = request.LastSeenAt + CustomerServiceWindow.Length - CustomerServiceWindow.Margin;
        var state = now >= closes ? ReplyWindowState.Closed : closes - now <= WindowWarning ? ReplyWindowState.ClosingSoon : ReplyWindowState.Open;
        return new ReplyWindow(state, closes);
    }

    /// <summary>Profile values as an operator may see them: labelled in Indonesian, codes named, NIK and phone masked.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Shown(IReadOnlyList<KeyValuePair<string, DialogValue>> values) =>
        [.. values.Select(v => KeyValuePair.Create(DataLabels.Key(v.Key, english: false), ShownValue(v.Key, v.Value)))];

    private static ShownConversation Shown(ProfileConversation conversation) => new(
        DataLabels.Dialog(conversation.DialogId, english: false),
        conversation.Status switch
        {
            ConversationStatus.Active => "berjalan",
            ConversationStatus.Paused => "dijeda",
            ConversationStatus.Completed => "selesai",
            _ => "dibatalkan",
        },
        conversation.StepId,
        conversation.Outcome is { } outcome ? DataLabels.Outcome(outcome, english: false) : null,
        conversation.UpdatedAt,
        Shown(conversation.Answers));

    private static string ShownValue(string key, DialogValue value)
    {
        var masked = PersonalData.Display(key, value, ChatAssistant.Dialogs.Languages.Indonesian);
        if (value.Kind == ValueKind.Text && value.Text is { } code && masked == code)
        {
            return DataLabels.Value(code, english: false);
        }

        return masked;
    }
}

/// <summary>Everything a request's page shows.</summary>
internal sealed record HandoffView(
    HandoffDetail Request,
    IReadOnlyList<KeyValuePair<string, string>> Profile,
    IReadOnlyList<ShownConversation> Conversations,
    IReadOnlyList<HandoffTranscriptLine> Transcript,
    ReplyWindow Window);

/// <summary>One of the owner's conversations as shown: dialog title, state in words, where it is, how it ended, answers (masked).</summary>
internal sealed record ShownConversation(string Dialog, string Status, string StepId, string? Outcome, DateTimeOffset UpdatedAt, IReadOnlyList<KeyValuePair<string, string>> Answers);

internal enum ReplyWindowState
{
    /// <summary>The channel has no window (Telegram).</summary>
    None,
    Open,
    ClosingSoon,

    /// <summary>A reply would not reach the owner until they write again: the console refuses it.</summary>
    Closed,
}

/// <summary>WhatsApp's window for a reply: its state, and the last moment a reply is sent (margin taken off).</summary>
internal sealed record ReplyWindow(ReplyWindowState State, DateTimeOffset? SendableUntil);
