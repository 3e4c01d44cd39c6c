using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// PostgreSQL's ceiling for the message path's writes: per message the rows the product writes (the inbox id, the
/// conversation read and upserted, an answer upserted, the reply in the outbox) and nothing else (no engine, no queue,
/// no per-owner lock), a fixed number of messages per transaction, from as many connections as the full path has
/// replicas, each over its own share of the owners so that no two wait for each other, on a copy of the same seeded
/// database. Statements are prepared once per connection.
/// </summary>
internal static class PostgresRawRun
{
    private const string ReplyText = "Apa bidang usaha Anda?";
    private const string ReplyButtons = """[["Makanan","sector|food"],["Kerajinan","sector|craft"],["Lainnya","sector|other"]]""";

    /// <summary>Writes <paramref name="messages"/> messages in all, from <paramref name="connections"/> connections at once.</summary>
    public static PhaseResult Run(string connectionString, SimulatedOwners owners, int messages, int perTransaction, int connections, string idPrefix)
    {
        var gc = GcActivity.Now();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var writers = Enumerable.Range(0, connections).Select(c => new Writer(connectionString)).ToArray();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var threads = writers.Select((writer, c) =>
            {
                var share = (messages / connections) + (c < messages % connections ? 1 : 0);
                var thread = new Thread(() => writer.Run(owners, c, connections, share, perTransaction, idPrefix + c.ToString(CultureInfo.InvariantCulture) + "-"))
                {
                    IsBackground = true,
                    Name = "raw postgres " + c.ToString(CultureInfo.InvariantCulture),
                };
                thread.Start();
                return thread;
            }).ToList();
            threads.ForEach(thread => thread.Join());
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (writers.Select(w => w.Error).FirstOrDefault(e => e is not null) is { } error)
            {
                throw new InvalidOperationException("the raw PostgreSQL run failed: " + error.Message, error);
            }

            return new PhaseResult(messages, elapsed, [], GC.GetTotalAllocatedBytes(precise: true) - allocated, 0, 0, GcActivity.Now() - gc);
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
    }

    private sealed class Writer : IDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlCommand _read;
        private readonly NpgsqlCommand _upsertConversation;
        private readonly NpgsqlCommand _upsertAnswer;
        private readonly NpgsqlCommand _insertInbox;
        private readonly NpgsqlCommand _insertOutbox;

        public Writer(string connectionString)
        {
            _connection = new NpgsqlConnection(connectionString);
            _connection.Open();
            _read = Prepare(
                "SELECT id, dialog_id, dialog_version, step_id, status, outcome, history, started_at FROM conversations WHERE user_id = @user AND status < 2 ORDER BY id",
                ("user", NpgsqlDbType.Bigint));
            _upsertConversation = Prepare("""
                INSERT INTO conversations (id, user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
                VALUES (@id, @user, @dialog, @version, @step, @status, @outcome, @history, @started, @updated)
                ON CONFLICT (id) DO UPDATE SET dialog_version = excluded.dialog_version, step_id = excluded.step_id, status = excluded.status,
                    outcome = excluded.outcome, history = excluded.history, updated_at = excluded.updated_at
                """,
                ("id", NpgsqlDbType.Bigint), ("user", NpgsqlDbType.Bigint), ("dialog", NpgsqlDbType.Text), ("version", NpgsqlDbType.Bigint),
                ("step", NpgsqlDbType.Text), ("status", NpgsqlDbType.Bigint), ("outcome", NpgsqlDbType.Text), ("history", NpgsqlDbType.Text),
                ("started", NpgsqlDbType.Bigint), ("updated", NpgsqlDbType.Bigint));
            _upsertAnswer = Prepare(
                "INSERT INTO answers (conversation_id, key, value, updated_at) VALUES (@conversation, @key, @value, @now) ON CONFLICT (conversation_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                ("conversation", NpgsqlDbType.Bigint), ("key", NpgsqlDbType.Text), ("value", NpgsqlDbType.Text), ("now", NpgsqlDbType.Bigint));
            _insertInbox = Prepare(
                "INSERT INTO inbox (channel, message_id, received_at) VALUES (@channel, @id, @now) ON CONFLICT DO NOTHING",
                ("channel", NpgsqlDbType.Text), ("id", NpgsqlDbType.Text), ("now", NpgsqlDbType.Bigint));
            _insertOutbox = Prepare(
                "INSERT INTO outbox (user_id, channel, chat_id, priority, text, buttons, created_at) VALUES (@user, @channel, @chat, @priority, @text, @buttons, @now)",
                ("user", NpgsqlDbType.Bigint), ("channel", NpgsqlDbType.Text), ("chat", NpgsqlDbType.Text), ("priority", NpgsqlDbType.Bigint),
                ("text", NpgsqlDbType.Text), ("buttons", NpgsqlDbType.Text), ("now", NpgsqlDbType.Bigint));
        }

        public Exception? Error { get; private set; }

        /// <summary>Owners <paramref name="first"/>, first + stride, ... in turn: this connection's share, never another's.</summary>
        public void Run(SimulatedOwners owners, int first, int stride, int messages, int perTransaction, string idPrefix)
        {
            try
            {
                var owner = first;
                var sequence = 0L;
                for (var done = 0; done < messages;)
                {
                    var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    using var transaction = _connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
                    for (var i = 0; i < perTransaction && done < messages; i++, done++)
                    {
                        WriteOne(owners, owner, idPrefix + (sequence++).ToString(CultureInfo.InvariantCulture), now);
                        owner += stride;
                        if (owner >= owners.Count)
                        {
                            owner = first;
                        }
                    }

                    transaction.Commit();
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                Error = ex;
            }
        }

        private void WriteOne(SimulatedOwners owners, int owner, string messageId, long now)
        {
            var userId = owners.UserIds[owner];
            var chatId = owners.ChatId(owner);

            _insertInbox.Parameters[0].Value = SimulatedOwners.Channel;
            _insertInbox.Parameters[1].Value = messageId;
            _insertInbox.Parameters[2].Value = now;
            _insertInbox.ExecuteNonQuery();

            var conversation = _upsertConversation.Parameters;
            _read.Parameters[0].Value = userId;
            using (var reader = _read.ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw new InvalidOperationException($"owner {chatId} has no open conversation");
                }

                conversation[0].Value = reader.GetInt64(0);
                conversation[2].Value = reader.GetString(1);
                conversation[3].Value = reader.GetInt64(2);
                conversation[4].Value = reader.GetString(3);
                conversation[5].Value = reader.GetInt64(4);
                conversation[6].Value = reader.IsDBNull(5) ? DBNull.Value : reader.GetString(5);
                conversation[7].Value = reader.GetString(6);
                conversation[8].Value = reader.GetInt64(7);
            }

            conversation[1].Value = userId;
            conversation[9].Value = now;
            _upsertConversation.ExecuteNonQuery();

            _upsertAnswer.Parameters[0].Value = conversation[0].Value;
            _upsertAnswer.Parameters[1].Value = "sales";
            _upsertAnswer.Parameters[2].Value = "m:150000000";
            _upsertAnswer.Parameters[3].Value = now;
            _upsertAnswer.ExecuteNonQuery();

            var outbox = _insertOutbox.Parameters;
            outbox[0].Value = userId;
            outbox[1].Value = SimulatedOwners.Channel;
            outbox[2].Value = chatId;
            outbox[3].Value = 0L;
            outbox[4].Value = ReplyText;
            outbox[5].Value = ReplyButtons;
            outbox[6].Value = now;
            _insertOutbox.ExecuteNonQuery();
        }

        private NpgsqlCommand Prepare(string sql, params (string Name, NpgsqlDbType Type)[] parameters)
        {
            var command = new NpgsqlCommand(sql, _connection);
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(name, type));
            }

            command.Prepare();
            return command;
        }

        public void Dispose()
        {
            foreach (var command in new[] { _read, _upsertConversation, _upsertAnswer, _insertInbox, _insertOutbox })
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }
}
