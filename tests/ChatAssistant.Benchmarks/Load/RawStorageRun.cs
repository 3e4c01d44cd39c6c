using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Storage;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// The storage ceiling: the writes of one message with no engine, no channel and no queue — read the
/// conversation, upsert it, upsert an answer, insert the inbox id and the reply — on a copy of the seeded file
/// (so the two runs never disturb each other), with the same connection settings (SQLite's defaults otherwise,
/// automatic checkpoints included), round-robin over the same active owners, a fixed number of messages per
/// transaction. The full path can only approach this, so the ratio between them shows how much is left.
/// </summary>
internal sealed class RawStorageRun : IDisposable
{
    // A typical reply of the benchmark dialog, with its buttons as the outbox stores them.
    private const string ReplyText = "Apa bidang usaha Anda?";
    private const string ReplyButtons = """[["Makanan","sector|food"],["Kerajinan","sector|craft"],["Lainnya","sector|other"]]""";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _upsertConversation;
    private readonly SqliteCommand _upsertAnswer;
    private readonly SqliteCommand _insertInbox;
    private readonly SqliteCommand _insertOutbox;
    private readonly SqliteCommand[] _commands;

    public RawStorageRun(string path)
    {
        _connection = Database.Open(path, TimeSpan.FromSeconds(5));
        _read = Prepare(
            "SELECT id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at FROM conversations WHERE user_id = $user AND status < 2 ORDER BY id",
            "$user");
        _upsertConversation = Prepare("""
            INSERT INTO conversations (id, user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
            VALUES ($id, $user, $dialog, $version, $step, $status, $outcome, $history, $started, $updated)
            ON CONFLICT (id) DO UPDATE SET dialog_version = excluded.dialog_version, step_id = excluded.step_id, status = excluded.status,
                outcome = excluded.outcome, history = excluded.history, updated_at = excluded.updated_at
            """,
            "$id", "$user", "$dialog", "$version", "$step", "$status", "$outcome", "$history", "$started", "$updated");
        _upsertAnswer = Prepare(
            "INSERT INTO answers (conversation_id, key, value, updated_at) VALUES ($conversation, $key, $value, $now) ON CONFLICT (conversation_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            "$conversation", "$key", "$value", "$now");
        _insertInbox = Prepare("INSERT INTO inbox (channel, message_id, received_at) VALUES ($channel, $id, $now) ON CONFLICT DO NOTHING",
            "$channel", "$id", "$now");
        _insertOutbox = Prepare(
            "INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at) VALUES ($user, $channel, $chat, $priority, $text, $buttons, $now)",
            "$user", "$channel", "$chat", "$priority", "$text", "$buttons", "$now");
        _commands = [_read, _upsertConversation, _upsertAnswer, _insertInbox, _insertOutbox];
    }

    /// <summary>Writes <paramref name="messages"/> messages, <paramref name="perTransaction"/> to a transaction.</summary>
    public PhaseResult Run(SimulatedOwners owners, int messages, int perTransaction, ref long sequence)
    {
        var gc = GcActivity.Now();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var owner = 0;
        for (var done = 0; done < messages;)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var transaction = _connection.BeginTransaction(deferred: false);
            foreach (var command in _commands)
            {
                command.Transaction = transaction;
            }

            for (var i = 0; i < perTransaction && done < messages; i++, done++)
            {
                WriteOne(owners, owner, string.Create(CultureInfo.InvariantCulture, $"r{sequence++}"), now);
                owner = owner + 1 == owners.Count ? 0 : owner + 1;
            }

            transaction.Commit();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PhaseResult(messages, elapsed, [], GC.GetTotalAllocatedBytes(precise: true) - allocated, 0, 0, GcActivity.Now() - gc);
    }

    /// <inheritdoc cref="LoadHarness.MarkRepliesSent"/>
    public void MarkRepliesSent() => LoadHarness.MarkRepliesSent(_connection);

    /// <inheritdoc cref="LoadHarness.PagesWritten"/>
    public long PagesWritten() => LoadHarness.PagesWritten(_connection);

    private void WriteOne(SimulatedOwners owners, int owner, string messageId, long now)
    {
        var userId = owners.UserIds[owner];
        var chatId = owners.ChatId(owner);

        var inbox = _insertInbox.Parameters;
        inbox[0].Value = SimulatedOwners.Channel;
        inbox[1].Value = messageId;
        inbox[2].Value = now;
        _insertInbox.ExecuteNonQuery();

        var conversation = _upsertConversation.Parameters;
        _read.Parameters[0].Value = userId;
        using (var reader = _read.ExecuteReader())
        {
            if (reader.Read())
            {
                conversation[0].Value = reader.GetInt64(0);
                conversation[2].Value = reader.GetString(1);
                conversation[3].Value = reader.GetInt32(2);
                conversation[4].Value = reader.GetString(3);
                conversation[5].Value = reader.GetInt32(4);
                conversation[6].Value = reader.IsDBNull(5) ? DBNull.Value : reader.GetString(5);
                conversation[7].Value = reader.GetString(6);
                conversation[8].Value = reader.GetInt64(7);
            }
            else
            {
                throw new InvalidOperationException($"owner {chatId} has no open conversation");
            }
        }

        conversation[1].Value = userId;
        conversation[9].Value = now;
        _upsertConversation.ExecuteNonQuery();

        var answer = _upsertAnswer.Parameters;
        answer[0].Value = conversation[0].Value;
        answer[1].Value = "sales";
        answer[2].Value = "m:150000000";
        answer[3].Value = now;
        _upsertAnswer.ExecuteNonQuery();

        var outbox = _insertOutbox.Parameters;
        outbox[0].Value = userId;
        outbox[1].Value = SimulatedOwners.Channel;
        outbox[2].Value = chatId;
        outbox[3].Value = 0;
        outbox[4].Value = ReplyText;
        outbox[5].Value = ReplyButtons;
        outbox[6].Value = now;
        _insertOutbox.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
