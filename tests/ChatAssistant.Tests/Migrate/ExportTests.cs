using ChatAssistant.Storage.Sqlite;
using ChatAssistant.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Migrate;

/// <summary>
/// <c>chatassistant export-sqlite-to-postgres</c> as its own process, on an SQLite deployment the worker's own stores
/// made: owners part-way through a dialog and finished, a training registration, replies in the outbox, a dead
/// letter's raw bytes, console sign-ins, an announcement with its recipients, a handoff with its transcript.
/// </summary>
public sealed class ExportTests : IDisposable
{
    /// <summary>Every table the export copies, with a row or more in the seeded database.</summary>
    private static readonly string[] SeededTables =
    [
        "users", "profile_values", "conversations", "answers", "inbox", "outbox", "dialog_versions", "training_registrations",
        "broadcasts", "broadcast_recipients", "dead_letters", "console_links", "console_audit", "handoffs", "handoff_messages", "console_sessions",
        "channel_state", "delivery_statuses", "console_keys", "reminders", "reminder_settings", "reminder_marks",
    ];

    private static readonly byte[] RawUpdate = [0x7B, 0x22, 0xFF, 0x00, 0xC3, 0x28, 0x7D]; // not UTF-8, with a NUL: bytes, not text

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task An_exported_deployment_resumes_every_conversation_at_the_same_step_with_every_row_copied()
    {
        var sqlite = _folder.DatabasePath;
        await SeedAsync(sqlite);
        using var postgres = StorageTarget.Postgres();
        var to = postgres.Settings["Storage__ConnectionString"];

        var (code, output, error) = await AssistantProcess.RunAsync("", "export-sqlite-to-postgres", "--from", sqlite, "--to", to);

        Assert.True(code == 0, output + error);
        Assert.Contains("every count matches", output, StringComparison.Ordinal);
        foreach (var table in SeededTables)
        {
            var rows = Sql.Count(sqlite, $"SELECT COUNT(*) FROM {table}");
            Assert.True(rows > 0, table + " was not seeded");
            Assert.Equal(rows, postgres.Count($"SELECT COUNT(*) FROM {table}"));
            Assert.Contains($"\n{table}\t{rows}\t{rows}\n", output, StringComparison.Ordinal);
        }

        Assert.Equal( // the seed covers every table
            SeededTables.Order(StringComparer.Ordinal),
            postgres.Text("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'")!.Split(',').Order(StringComparer.Ordinal));
        Assert.Equal(SqliteMigrations.All.Count, postgres.Count("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(Convert.ToHexString(RawUpdate), postgres.Text("SELECT upper(encode(raw, 'hex')) FROM dead_letters"));
        Assert.Equal(Sql.Text(sqlite, "SELECT hex(id_hash) FROM console_sessions"), postgres.Text("SELECT upper(encode(id_hash, 'hex')) FROM console_sessions"));
        Assert.Equal(Sql.Text(sqlite, "SELECT group_concat(step_id || ':' || status, ',') FROM (SELECT * FROM conversations ORDER BY id)"),
            postgres.Text("SELECT string_agg(step_id || ':' || status, ',' ORDER BY id) FROM conversations"));

        var (lastOwner, lastConversation, lastReply) = (Sql.Count(sqlite, "SELECT MAX(id) FROM users"), Sql.Count(sqlite, "SELECT MAX(id) FROM conversations"), Sql.Count(sqlite, "SELECT MAX(id) FROM outbox"));

        // The same next message on each engine gets the same answer: the conversations were copied where they stood.
        string[] sqliteReplies, postgresReplies;
        await using (var onSqlite = await WriterFixture.StartAsync(sqlite))
        {
            sqliteReplies = await NextMessagesAsync(onSqlite);
        }

        await using (var onPostgres = await WriterFixture.StartAsync(postgres))
        {
            postgresReplies = await NextMessagesAsync(onPostgres);

            // A new owner, conversation and reply get ids after the copied ones: the identity sequences moved past them.
            var reply = await onPostgres.SendAsync("owner-new", "/omzet");
            Assert.NotNull(reply.Reply);
        }

        Assert.Equal(sqliteReplies, postgresReplies);
        Assert.Contains("Punya KUR?", postgresReplies[0], StringComparison.Ordinal);
        Assert.Equal(lastOwner + 1, postgres.Count("SELECT id FROM users WHERE chat_id = 'owner-new'"));
        Assert.True(postgres.Count("SELECT MIN(c.id) FROM conversations c JOIN users u ON u.id = c.user_id WHERE u.chat_id = 'owner-new'") > lastConversation);
        Assert.True(postgres.Count("SELECT MIN(id) FROM outbox WHERE chat_id = 'owner-new'") > lastReply);
    }

    [Fact]
    public async Task A_target_with_data_is_refused_unless_forced_and_forced_it_holds_only_the_copy()
    {
        var sqlite = _folder.DatabasePath;
        await SeedAsync(sqlite);
        using var postgres = StorageTarget.Postgres();
        var to = postgres.Settings["Storage__ConnectionString"];
        postgres.Open(new FakeTimeProvider()).Dispose();
        postgres.Execute("INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('test', 'already-there', 'id', 0, 0)");

        var (code, output, error) = await AssistantProcess.RunAsync("", "export-sqlite-to-postgres", "--from", sqlite, "--to", to);

        Assert.Equal(1, code);
        Assert.Contains("already holds data (1 owner(s); users 1)", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal(1, postgres.Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(0, postgres.Count("SELECT COUNT(*) FROM outbox"));

        (code, output, error) = await AssistantProcess.RunAsync("", "export-sqlite-to-postgres", "--from", sqlite, "--to", to, "--force");

        Assert.True(code == 0, output + error);
        Assert.Contains("--force: removed the 1 row(s) the target held.", output, StringComparison.Ordinal);
        Assert.Equal(0, postgres.Count("SELECT COUNT(*) FROM users WHERE chat_id = 'already-there'"));
        Assert.Equal(Sql.Count(sqlite, "SELECT COUNT(*) FROM users"), postgres.Count("SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task A_source_at_another_schema_version_is_refused_with_what_to_run_and_nothing_is_copied()
    {
        var sqlite = _folder.DatabasePath;
        await SeedAsync(sqlite);
        var latest = SqliteMigrations.All[^1].Version;
        Sql.Execute(sqlite, $"DELETE FROM schema_migrations WHERE version = {latest}"); // as the build before left it
        using var postgres = StorageTarget.Postgres();

        var (code, output, error) = await AssistantProcess.RunAsync("", "export-sqlite-to-postgres", "--from", sqlite, "--to", postgres.Settings["Storage__ConnectionString"]);

        Assert.Equal(1, code);
        Assert.Contains($"lacks migration(s) {latest} of this build's schema (version {latest}): bring it up to date first with `chatassistant migrate --db {sqlite}`", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(0, postgres.Count("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'users'")); // the target untouched
    }

    [Fact]
    public async Task A_source_a_worker_holds_is_refused()
    {
        var sqlite = _folder.DatabasePath;
        await SeedAsync(sqlite);
        using var postgres = StorageTarget.Postgres();
        using var worker = ChatAssistant.Storage.DatabaseLock.Acquire(sqlite, "the worker (a test)");

        var (code, _, error) = await AssistantProcess.RunAsync("", "export-sqlite-to-postgres", "--from", sqlite, "--to", postgres.Settings["Storage__ConnectionString"]);

        Assert.Equal(1, code);
        Assert.Contains("is in use by the worker (a test)", error, StringComparison.Ordinal);
    }

    /// <summary>The worker's stores on the SQLite file, plus the rows of features a test writer does not drive.</summary>
    private static async Task SeedAsync(string sqlite)
    {
        await using (var writer = await WriterFixture.StartAsync(sqlite))
        {
            await writer.SendAsync("owner-1", "/omzet");
            await writer.SendAsync("owner-1", "Warung Sari");
            await writer.SendAsync("owner-2", "/omzet");
            await writer.SendAsync("owner-2", "Toko Budi");
            await writer.SendAsync("owner-2", "15 juta");
            await writer.SendAsync("owner-2", "tidak"); // finished: micro
            await writer.SendAsync("owner-3", "/omzet");
            var owner = Sql.Count(sqlite, "SELECT id FROM users WHERE chat_id = 'owner-2'");
            await writer.RunAsync((stores, now) => stores.Training().InsertRegistration("bimtek-digital", owner, "3171234567890123", "081234567890", seat: true, "BDG-7Q2K", now));
        }

        using var connection = new SqliteConnection($"Data Source={sqlite};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dialog_versions (hash, dialog_id, version, path, source, first_loaded_at) VALUES ('0a1b2c', 'old', 1, 'old.yaml', 'id: old', 1);
            INSERT INTO console_keys (name, xml, created_at) VALUES ('key-1', '<key id="1"/>', 1);
            INSERT INTO reminders (user_id, kind, subject, due_at, state, created_at, updated_at) VALUES (1, 'training_1d', 'BDG-7Q2K', 9, 'scheduled', 1, 1);
            INSERT INTO reminder_settings (user_id, topic, enabled, updated_at) VALUES (1, 'deadlines', 0, 1);
            INSERT INTO reminder_marks (name, value) VALUES ('unfinished.outbox', 3);
            INSERT INTO channel_state (channel, key, value) VALUES ('telegram', 'offset', '1234');
            INSERT INTO delivery_statuses (channel, message_id, status, received_at) VALUES ('whatsapp', 'wamid.1', 'delivered', 2);
            INSERT INTO dead_letters (channel, update_id, reason, raw, received_at) VALUES ('telegram', '99', 'not JSON', @raw, 5);
            INSERT INTO console_links (token_hash, user_id, created_at, expires_at) VALUES (randomblob(32), 1, 1, 2);
            INSERT INTO console_sessions (id_hash, operator, started_at) VALUES (randomblob(32), 'test:operator', 3);
            INSERT INTO console_audit (at, operator, action, detail) VALUES (4, 'test:operator', 'signed_in', NULL);
            INSERT INTO broadcasts (text_id, segment, created_by, status, created_at, scheduled_at) VALUES ('Halo', '', 'test:operator', 'sending', 6, 6);
            INSERT INTO broadcast_recipients (broadcast_id, user_id, utc_offset, status, updated_at) SELECT 1, id, 420, 'waiting', 6 FROM users;
            INSERT INTO handoffs (user_id, channel, chat_id, opened_at, taken_by, taken_at, handed_back_at, closed_at) VALUES (3, 'test', 'owner-3', 7, 'Sari', 8, 9, 9);
            INSERT INTO handoff_messages (handoff_id, operator, text, at) VALUES (1, NULL, 'Tolong', 7), (1, 'Sari', 'Baik', 8);
            """;
        command.Parameters.AddWithValue("@raw", RawUpdate);
        command.ExecuteNonQuery();
    }

    /// <summary>Each owner's next message: owner-1 answers the sales question, owner-2 starts again, owner-3 names a business.</summary>
    private static async Task<string[]> NextMessagesAsync(WriterFixture writer) =>
    [
        (await writer.SendAsync("owner-1", "2 miliar", messageId: "next-1")).Reply!.Text,
        (await writer.SendAsync("owner-2", "/omzet", messageId: "next-2")).Reply!.Text,
        (await writer.SendAsync("owner-3", "Kopi Tiga", messageId: "next-3")).Reply!.Text,
    ];

    public void Dispose() => _folder.Dispose();
}
