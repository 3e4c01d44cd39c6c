using System.Data.Common;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Outbox;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Handoff;

/// <summary>
/// Requests for a person and their transcripts, on the writer's session. The writer routes owners' messages here
/// (<see cref="IHandoffRouting"/>) in the message's transaction; operators' actions (take, reply, hand back) run
/// on the writer through <see cref="IStoreWriter.RunAsync"/>, so a reply is in the outbox exactly when it is in
/// the transcript, and goes out through the owner's channel and its limits like any reply.
/// </summary>
internal sealed class HandoffStore : IHandoffRouting
{
    private readonly OutboxStore _outbox;
    private readonly WorkingHours _hours;
    private readonly ILogger _logger;
    private readonly PreparedCommand _findOpen;
    private readonly PreparedCommand _open;
    private readonly PreparedCommand _addMessage;
    private readonly PreparedCommand _noted;
    private readonly PreparedCommand _get;
    private readonly PreparedCommand _take;
    private readonly PreparedCommand _handBack;
    private readonly PreparedCommand _close;

    public HandoffStore(OutboxStore outbox, WorkingHours hours, ILogger<HandoffStore> logger)
    {
        _outbox = outbox;
        _hours = hours;
        _logger = logger;
        Session = outbox.Session;
        var session = outbox.Session;
        _findOpen = session.Prepare("SELECT id, after_hours_noted_at, taken_by FROM handoffs WHERE channel = @channel AND chat_id = @chat AND closed_at IS NULL");
        _open = session.Prepare($"INSERT INTO handoffs (user_id, channel, chat_id, opened_at) VALUES (@user, @channel, @chat, @now) {session.Dialect.ReturningId}");
        _addMessage = session.Prepare("INSERT INTO handoff_messages (handoff_id, operator, text, at, outbox_id) VALUES (@id, @operator, @text, @now, @outbox)");
        _noted = session.Prepare("UPDATE handoffs SET after_hours_noted_at = @now WHERE id = @id");
        _get = session.Prepare("""
            SELECT h.user_id, h.channel, h.chat_id, h.taken_by, h.closed_at, u.language, u.last_seen_at
            FROM handoffs h JOIN users u ON u.id = h.user_id WHERE h.id = @id
            """);
        _take = session.Prepare("UPDATE handoffs SET taken_by = @operator, taken_at = @now WHERE id = @id AND taken_by IS NULL AND closed_at IS NULL");
        _handBack = session.Prepare("UPDATE handoffs SET handed_back_at = @now, closed_at = @now WHERE id = @id AND closed_at IS NULL");
        _close = session.Prepare("UPDATE handoffs SET closed_at = @now WHERE id = @id AND closed_at IS NULL");
    }

    public WriteSession Session { get; }

    public HandoffRoute Route(long userId, string channel, string chatId, InboundMessage message, string language, DateTimeOffset now, out OutboundMessage? note)
    {
        note = null;
        long id;
        bool noted;
        string? takenBy;
        using (var open = _findOpen.Set("@channel", channel).Set("@chat", chatId).Read())
        {
            if (!open.Read())
            {
                return HandoffRoute.Dialogs;
            }

            id = open.GetInt64(0);
            noted = !open.IsDBNull(1);
            takenBy = open.IsDBNull(2) ? null : open.GetString(2);
        }

        var ms = now.ToUnixTimeMilliseconds();
        _addMessage.Set("@id", id).Set("@operator", null).Set("@text", TranscriptText(message)).Set("@now", ms).Set("@outbox", null).Execute();
        var cancel = message.Kind == InboundKind.Text && SystemCommands.IsCancel(message.Text);
        if (cancel && takenBy is null)
        {
            // Nobody has started on it: the owner may take it back (the line above shows operators why it went).
            _close.Set("@now", ms).Set("@id", id).Execute();
            Log.Withdrawn(_logger, userId, id);
            note = OutboundMessage.Plain(Withdrawn(language));
            return HandoffRoute.Withdrawn;
        }

        if (cancel)
        {
            // Someone is on it: the words go to them, and the owner learns why the assistant did not answer.
            note = OutboundMessage.Plain(StillWithPerson(language));
        }
        else if (!noted && !_hours.IsOpen(now))
        {
            _noted.Set("@now", ms).Set("@id", id).Execute();
            note = OutboundMessage.Plain(_hours.Note(language, now));
        }

        return HandoffRoute.Person;
    }

    public string? Open(long userId, string channel, string chatId, string language, DateTimeOffset now)
    {
        using (var open = _findOpen.Set("@channel", channel).Set("@chat", chatId).Read())
        {
            if (open.Read())
            {
                return null; // asked again while waiting: the request stands
            }
        }

        var ms = now.ToUnixTimeMilliseconds();
        var id = _open.Set("@user", userId).Set("@channel", channel).Set("@chat", chatId).Set("@now", ms).Insert()!.Value;
        Log.Opened(_logger, userId, channel, id);
        if (_hours.IsOpen(now))
        {
            return null;
        }

        _noted.Set("@now", ms).Set("@id", id).Execute();
        return _hours.Note(language, now);
    }

    /// <summary>An operator takes the request: theirs from now on, shown to the others as theirs. Refused when someone else has it.</summary>
    public HandoffOutcome Take(long id, string operatorName, DateTimeOffset now)
    {
        if (Find(id) is not { } request)
        {
            return new HandoffOutcome(HandoffResult.NotFound);
        }

        if (Take(request, operatorName) is { } refused)
        {
            return refused;
        }

        if (_take.Set("@operator", operatorName).Set("@now", now.ToUnixTimeMilliseconds()).Set("@id", id).Execute() == 0)
        {
            // Taken or closed on another replica since it was read (its update waited for that one to commit).
            return (Find(id) is { } taken ? Take(taken, operatorName) : null) ?? new HandoffOutcome(HandoffResult.NotFound);
        }

        Log.Taken(_logger, operatorName, id);
        return new HandoffOutcome(HandoffResult.Done, operatorName);
    }

    /// <summary>What taking a request as it is stored comes to, when it cannot be taken now (closed, or someone has it); null when it can.</summary>
    private static HandoffOutcome? Take(StoredRequest request, string operatorName)
    {
        if (request.ClosedAt is not null)
        {
            return new HandoffOutcome(HandoffResult.Closed, request.TakenBy);
        }

        return request.TakenBy is { } holder
            ? new HandoffOutcome(holder == operatorName ? HandoffResult.Done : HandoffResult.TakenByOther, holder)
            : null;
    }

    /// <summary>
    /// The operator who has the request answers: the text is kept in the transcript and queued to the owner through
    /// their channel. Refused on WhatsApp outside the owner's 24-hour window (with the outbox's margin): the message
    /// would be refused there and wait until the owner writes again.
    /// </summary>
    public HandoffOutcome Reply(long id, string operatorName, string text, DateTimeOffset now)
    {
        var (request, refusal) = Holding(id, operatorName);
        if (request is null)
        {
            return refusal;
        }

        var ms = now.ToUnixTimeMilliseconds();
        if (CustomerServiceWindow.Applies(request.Channel) && request.LastSeenAt < CustomerServiceWindow.OpenSince(ms))
        {
            Log.Refused(_logger, operatorName, "reply", id, HandoffResult.OutsideWindow);
            return new HandoffOutcome(HandoffResult.OutsideWindow, request.TakenBy);
        }

        var outboxId = _outbox.Enqueue(request.UserId, request.Channel, request.ChatId, OutboundMessage.Plain(text), OutboxPriority.Interactive, ms);
        _addMessage.Set("@id", id).Set("@operator", operatorName).Set("@text", text).Set("@now", ms).Set("@outbox", outboxId).Execute();
        Log.Replied(_logger, operatorName, id, outboxId);
        return new HandoffOutcome(HandoffResult.Done, request.TakenBy, outboxId);
    }

    /// <summary>
    /// The operator who has the request hands the owner back to the assistant: the request closes, the owner is told
    /// in their language, with the question they were on shown again when <paramref name="questions"/> is given, and
    /// their next message goes to the dialogs, at that question.
    /// </summary>
    public HandoffOutcome HandBack(long id, string operatorName, DateTimeOffset now, ICurrentQuestion? questions = null)
    {
        var (request, refusal) = Holding(id, operatorName);
        if (request is null)
        {
            return refusal;
        }

        if (_handBack.Set("@now", now.ToUnixTimeMilliseconds()).Set("@id", id).Execute() == 0)
        {
            return new HandoffOutcome(HandoffResult.Closed, request.TakenBy); // closed on another replica since it was read
        }

        Log.HandedBack(_logger, operatorName, id);
        return new HandoffOutcome(HandoffResult.Done, operatorName, TellOwner(request, HandedBack(request.Language), now, questions));
    }

    /// <summary>
    /// Closes the request without a hand back by a person (spam, answered elsewhere, asked by mistake): any operator
    /// while nobody has it, else only the one who has it. The owner is told and is back with the assistant, at the
    /// question they were on when <paramref name="questions"/> is given.
    /// </summary>
    public HandoffOutcome Close(long id, string operatorName, DateTimeOffset now, ICurrentQuestion? questions = null)
    {
        if (Find(id) is not { } request)
        {
            return new HandoffOutcome(HandoffResult.NotFound);
        }

        if (request.ClosedAt is not null)
        {
            return new HandoffOutcome(HandoffResult.Closed, request.TakenBy);
        }

        if (request.TakenBy is { } holder && holder != operatorName)
        {
            Log.Refused(_logger, operatorName, "close", id, HandoffResult.TakenByOther);
            return new HandoffOutcome(HandoffResult.TakenByOther, holder);
        }

        if (_close.Set("@now", now.ToUnixTimeMilliseconds()).Set("@id", id).Execute() == 0)
        {
            return new HandoffOutcome(HandoffResult.Closed, request.TakenBy); // closed on another replica since it was read
        }

        Log.Closed(_logger, operatorName, id);
        return new HandoffOutcome(HandoffResult.Done, request.TakenBy, TellOwner(request, ClosedNote(request.Language), now, questions));
    }

    /// <summary>Queues <paramref name="text"/> to the owner, with their current question (and its buttons) under it when there is one.</summary>
    private long TellOwner(StoredRequest request, string text, DateTimeOffset now, ICurrentQuestion? questions)
    {
        var message = OutboundMessage.Plain(text);
        if (questions?.CurrentQuestion(request.Channel, request.ChatId, now) is { } question)
        {
            message = question with { Text = message.Text + "\n\n" + question.Text };
        }

        return _outbox.Enqueue(request.UserId, request.Channel, request.ChatId, message, OutboxPriority.Interactive, now.ToUnixTimeMilliseconds());
    }

    private static string ClosedNote(string language) => language == Languages.English
        ? "Your request to talk to a person has been closed. You are back with the assistant: answer its question to continue, or type /menu. Type /human to ask again."
        : "Permintaan Anda untuk bicara dengan petugas sudah ditutup. Anda kembali ke asisten: jawab pertanyaannya untuk melanjutkan, atau ketik /menu. Ketik /petugas untuk meminta lagi.";

    private static string Withdrawn(string language) => language == Languages.English
        ? "All right, your request to talk to a person is cancelled. You are back with the assistant."
        : "Baik, permintaan Anda untuk bicara dengan petugas dibatalkan. Anda kembali ke asisten.";

    private static string StillWithPerson(string language) => language == Languages.English
        ? "A staff member is handling your request; they have your message and will hand you back to the assistant when done."
        : "Petugas sedang menangani permintaan Anda; pesan Anda sudah diteruskan. Petugas akan mengembalikan Anda ke asisten setelah selesai.";

    private static string HandedBack(string language) => language == Languages.English
        ? "Our staff member has finished. You are back with the assistant: answer its question to continue, or type /menu."
        : "Petugas sudah selesai membantu. Anda kembali ke asisten: jawab pertanyaannya untuk melanjutkan, atau ketik /menu.";

    private (StoredRequest? Request, HandoffOutcome Refusal) Holding(long id, string operatorName)
    {
        if (Find(id) is not { } request)
        {
            return (null, new HandoffOutcome(HandoffResult.NotFound));
        }

        if (request.ClosedAt is not null)
        {
            return (null, new HandoffOutcome(HandoffResult.Closed, request.TakenBy));
        }

        return request.TakenBy switch
        {
            null => (null, new HandoffOutcome(HandoffResult.NotTaken)),
            var holder when holder != operatorName => (null, new HandoffOutcome(HandoffResult.TakenByOther, holder)),
            _ => (request, default),
        };
    }

    private StoredRequest? Find(long id)
    {
        using var row = _get.Set("@id", id).Read();
        return row.Read()
            ? new StoredRequest(row.GetInt64(0), row.GetString(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : row.GetInt64(4), row.GetString(5), row.GetInt64(6))
            : null;
    }

    /// <summary>What the operator reads of an owner's message: the words, a tapped button's label, or what kind of thing arrived.</summary>
    private static string TranscriptText(InboundMessage message) => message.Kind switch
    {
        InboundKind.Button => string.IsNullOrEmpty(message.Text) ? message.ButtonData ?? string.Empty : message.Text,
        InboundKind.Unsupported => $"({message.Text})",
        _ => message.Text,
    };

    /// <summary>The open requests, oldest first, with who has each: the console's inbox. Read on a connection of the reader's own.</summary>
    public static IReadOnlyList<HandoffRequest> OpenRequests(DbConnection connection) =>
        connection.Query<(long Id, long UserId, string Channel, string ChatId, long OpenedAt, string? TakenBy, long? TakenAt)>(
                "SELECT id, user_id, channel, chat_id, opened_at, taken_by, taken_at FROM handoffs WHERE closed_at IS NULL ORDER BY opened_at, id")
            .Select(r => new HandoffRequest(r.Id, r.UserId, r.Channel, r.ChatId, DateTimeOffset.FromUnixTimeMilliseconds(r.OpenedAt), r.TakenBy,
                r.TakenAt is { } taken ? DateTimeOffset.FromUnixTimeMilliseconds(taken) : null))
            .ToList();

    /// <summary>A request's transcript, oldest first: the owner's messages (no operator) and the replies.</summary>
    public static IReadOnlyList<HandoffLine> Transcript(DbConnection connection, long id) =>
        connection.Query<(string? Operator, string Text, long At)>(
                "SELECT operator, text, at FROM handoff_messages WHERE handoff_id = @id ORDER BY id", new { id })
            .Select(m => new HandoffLine(m.Operator, m.Text, DateTimeOffset.FromUnixTimeMilliseconds(m.At)))
            .ToList();

    /// <summary>
    /// The console's inbox: the open requests, oldest first, with the owner's name as they gave it (or their business's),
    /// who has each, when an operator first replied, and the newest line of the transcript.
    /// </summary>
    public static IReadOnlyList<HandoffInboxItem> Inbox(DbConnection connection) =>
        connection.Query<InboxRow>("""
                SELECT h.id AS Id, h.user_id AS UserId, h.channel AS Channel, h.chat_id AS ChatId, h.opened_at AS OpenedAt,
                       h.taken_by AS TakenBy, h.taken_at AS TakenAt,
                       (SELECT value FROM profile_values WHERE user_id = h.user_id AND key = 'name') AS Name,
                       (SELECT value FROM profile_values WHERE user_id = h.user_id AND key = 'business_name') AS Business,
                       (SELECT MIN(at) FROM handoff_messages WHERE handoff_id = h.id AND operator IS NOT NULL) AS FirstReplyAt,
                       (SELECT COUNT(*) FROM handoff_messages WHERE handoff_id = h.id) AS Lines,
                       (SELECT text FROM handoff_messages WHERE handoff_id = h.id ORDER BY id DESC LIMIT 1) AS LastText,
                       (SELECT operator FROM handoff_messages WHERE handoff_id = h.id ORDER BY id DESC LIMIT 1) AS LastOperator
                FROM handoffs h WHERE h.closed_at IS NULL ORDER BY h.opened_at, h.id
                """)
            .Select(r => new HandoffInboxItem(
                r.Id, r.UserId, r.Channel, r.ChatId, OwnerName(r.Name, r.Business), Time(r.OpenedAt), r.TakenBy, Time(r.TakenAt), Time(r.FirstReplyAt),
                (int)r.Lines, r.LastText, r.LastText is null ? null : r.LastOperator))
            .ToList();

    /// <summary>One request, open or closed, with its owner's language and when they last wrote; null when there is none.</summary>
    public static HandoffDetail? Request(DbConnection connection, long id) =>
        connection.Query<DetailRow>("""
                SELECT h.id AS Id, h.user_id AS UserId, h.channel AS Channel, h.chat_id AS ChatId, u.language AS Language,
                       h.opened_at AS OpenedAt, h.taken_by AS TakenBy, h.taken_at AS TakenAt, h.handed_back_at AS HandedBackAt,
                       h.closed_at AS ClosedAt, u.last_seen_at AS LastSeenAt,
                       (SELECT value FROM profile_values WHERE user_id = h.user_id AND key = 'name') AS Name,
                       (SELECT value FROM profile_values WHERE user_id = h.user_id AND key = 'business_name') AS Business
                FROM handoffs h JOIN users u ON u.id = h.user_id WHERE h.id = @id
                """, new { id })
            .Select(r => new HandoffDetail(
                r.Id, r.UserId, r.Channel, r.ChatId, r.Language, OwnerName(r.Name, r.Business), Time(r.OpenedAt), r.TakenBy, Time(r.TakenAt),
                Time(r.HandedBackAt), Time(r.ClosedAt), Time(r.LastSeenAt)))
            .SingleOrDefault();

    /// <summary>
    /// What the owner has told the assistant: their profile values and, newest first, their conversations with the
    /// answers saved in each (not the engine's own '@' keys). Values as stored: whoever shows them masks personal data.
    /// </summary>
    public static HandoffProfile Profile(DbConnection connection, long userId)
    {
        var values = connection.Query<(string Key, string Value)>(
                "SELECT key, value FROM profile_values WHERE user_id = @userId ORDER BY key", new { userId })
            .Select(v => new KeyValuePair<string, DialogValue>(v.Key, DialogValue.Deserialize(v.Value)))
            .ToList();
        var answers = connection.Query<(long Conversation, string Key, string Value)>("""
                SELECT a.conversation_id, a.key, a.value FROM answers a JOIN conversations c ON c.id = a.conversation_id
                WHERE c.user_id = @userId AND a.key NOT LIKE '@%' ORDER BY a.key
                """, new { userId })
            .ToLookup(a => a.Conversation, a => new KeyValuePair<string, DialogValue>(a.Key, DialogValue.Deserialize(a.Value)));
        var conversations = connection.Query<(long Id, string DialogId, long Status, string StepId, string? Outcome, long UpdatedAt)>(
                "SELECT id, dialog_id, status, step_id, outcome, updated_at FROM conversations WHERE user_id = @userId ORDER BY updated_at DESC, id DESC",
                new { userId })
            .Select(c => new ProfileConversation(c.DialogId, (ConversationStatus)c.Status, c.StepId, c.Outcome, Time(c.UpdatedAt), [.. answers[c.Id]]))
            .ToList();
        return new HandoffProfile(values, conversations);
    }

    /// <summary>
    /// The newest <paramref name="limit"/> lines the owner and operators wrote in any of the owner's requests, oldest
    /// first, each with its request: the one open now and what was said in earlier ones.
    /// </summary>
    public static IReadOnlyList<HandoffTranscriptLine> RecentTranscript(DbConnection connection, long userId, int limit) =>
        connection.Query<(long Request, string? Operator, string Text, long At)>("""
                SELECT m.handoff_id, m.operator, m.text, m.at FROM handoff_messages m JOIN handoffs h ON h.id = m.handoff_id
                WHERE h.user_id = @userId ORDER BY m.id DESC LIMIT @limit
                """, new { userId, limit })
            .Reverse()
            .Select(m => new HandoffTranscriptLine(m.Request, m.Operator, m.Text, Time(m.At)))
            .ToList();

    private static string? OwnerName(string? name, string? business) =>
        DialogValue.Deserialize(name).Text is { Length: > 0 } given ? given : DialogValue.Deserialize(business).Text is { Length: > 0 } shop ? shop : null;

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    // Mapped by column name through setters: SQLite types a NULL column per row, which a constructor match cannot take.
    private sealed class InboxRow
    {
        public long Id { get; set; }
        public long UserId { get; set; }
        public string Channel { get; set; } = string.Empty;
        public string ChatId { get; set; } = string.Empty;
        public long OpenedAt { get; set; }
        public string? TakenBy { get; set; }
        public long? TakenAt { get; set; }
        public string? Name { get; set; }
        public string? Business { get; set; }
        public long? FirstReplyAt { get; set; }
        public long Lines { get; set; }
        public string? LastText { get; set; }
        public string? LastOperator { get; set; }
    }

    private sealed class DetailRow
    {
        public long Id { get; set; }
        public long UserId { get; set; }
        public string Channel { get; set; } = string.Empty;
        public string ChatId { get; set; } = string.Empty;
        public string Language { get; set; } = string.Empty;
        public long OpenedAt { get; set; }
        public string? TakenBy { get; set; }
        public long? TakenAt { get; set; }
        public long? HandedBackAt { get; set; }
        public long? ClosedAt { get; set; }
        public long LastSeenAt { get; set; }
        public string? Name { get; set; }
        public string? Business { get; set; }
    }

    private sealed record StoredRequest(long UserId, string Channel, string ChatId, string? TakenBy, long? ClosedAt, string Language, long LastSeenAt);
}
