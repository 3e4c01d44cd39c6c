using System.Data.Common;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using Dapper;

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
    private readonly PreparedCommand _findOpen;
    private readonly PreparedCommand _open;
    private readonly PreparedCommand _addMessage;
    private readonly PreparedCommand _noted;
    private readonly PreparedCommand _get;
    private readonly PreparedCommand _take;
    private readonly PreparedCommand _handBack;

    public HandoffStore(OutboxStore outbox, WorkingHours hours)
    {
        _outbox = outbox;
        _hours = hours;
        Session = outbox.Session;
        var session = outbox.Session;
        _findOpen = session.Prepare("SELECT id, after_hours_noted_at FROM handoffs WHERE channel = @channel AND chat_id = @chat AND closed_at IS NULL");
        _open = session.Prepare($"INSERT INTO handoffs (user_id, channel, chat_id, opened_at) VALUES (@user, @channel, @chat, @now) {session.Dialect.Returning("id")}");
        _addMessage = session.Prepare("INSERT INTO handoff_messages (handoff_id, operator, text, at, outbox_id) VALUES (@id, @operator, @text, @now, @outbox)");
        _noted = session.Prepare("UPDATE handoffs SET after_hours_noted_at = @now WHERE id = @id");
        _get = session.Prepare("""
            SELECT h.user_id, h.channel, h.chat_id, h.taken_by, h.closed_at, u.language
            FROM handoffs h JOIN users u ON u.id = h.user_id WHERE h.id = @id
            """);
        _take = session.Prepare("UPDATE handoffs SET taken_by = @operator, taken_at = @now WHERE id = @id AND taken_by IS NULL AND closed_at IS NULL");
        _handBack = session.Prepare("UPDATE handoffs SET handed_back_at = @now, closed_at = @now WHERE id = @id AND closed_at IS NULL");
    }

    public WriteSession Session { get; }

    public bool TryForward(long userId, string channel, string chatId, InboundMessage message, string language, DateTimeOffset now, out OutboundMessage? note)
    {
        note = null;
        long id;
        bool noted;
        using (var open = _findOpen.Set("@channel", channel).Set("@chat", chatId).Read())
        {
            if (!open.Read())
            {
                return false;
            }

            id = open.GetInt64(0);
            noted = !open.IsDBNull(1);
        }

        var ms = now.ToUnixTimeMilliseconds();
        _addMessage.Set("@id", id).Set("@operator", null).Set("@text", TranscriptText(message)).Set("@now", ms).Set("@outbox", null).Execute();
        if (!noted && !_hours.IsOpen(now))
        {
            _noted.Set("@now", ms).Set("@id", id).Execute();
            note = OutboundMessage.Plain(_hours.Note(language, now));
        }

        return true;
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
        var id = Convert.ToInt64(_open.Set("@user", userId).Set("@channel", channel).Set("@chat", chatId).Set("@now", ms).Scalar(), System.Globalization.CultureInfo.InvariantCulture);
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

        if (request.ClosedAt is not null)
        {
            return new HandoffOutcome(HandoffResult.Closed, request.TakenBy);
        }

        if (request.TakenBy is { } holder)
        {
            return new HandoffOutcome(holder == operatorName ? HandoffResult.Done : HandoffResult.TakenByOther, holder);
        }

        _take.Set("@operator", operatorName).Set("@now", now.ToUnixTimeMilliseconds()).Set("@id", id).Execute();
        return new HandoffOutcome(HandoffResult.Done, operatorName);
    }

    /// <summary>The operator who has the request answers: the text is kept in the transcript and queued to the owner through their channel.</summary>
    public HandoffOutcome Reply(long id, string operatorName, string text, DateTimeOffset now)
    {
        var (request, refusal) = Holding(id, operatorName);
        if (request is null)
        {
            return refusal;
        }

        var ms = now.ToUnixTimeMilliseconds();
        var outboxId = _outbox.Enqueue(request.UserId, request.Channel, request.ChatId, OutboundMessage.Plain(text), OutboxPriority.Interactive, ms);
        _addMessage.Set("@id", id).Set("@operator", operatorName).Set("@text", text).Set("@now", ms).Set("@outbox", outboxId).Execute();
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

        var ms = now.ToUnixTimeMilliseconds();
        _handBack.Set("@now", ms).Set("@id", id).Execute();
        var message = OutboundMessage.Plain(HandedBack(request.Language));
        if (questions?.CurrentQuestion(request.Channel, request.ChatId, now) is { } question)
        {
            message = question with { Text = message.Text + "\n\n" + question.Text };
        }

        var outboxId = _outbox.Enqueue(request.UserId, request.Channel, request.ChatId, message, OutboxPriority.Interactive, ms);
        return new HandoffOutcome(HandoffResult.Done, operatorName, outboxId);
    }

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
            ? new StoredRequest(row.GetInt64(0), row.GetString(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetString(3), row.IsDBNull(4) ? null : row.GetInt64(4), row.GetString(5))
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

    private sealed record StoredRequest(long UserId, string Channel, string ChatId, string? TakenBy, long? ClosedAt, string Language);
}
