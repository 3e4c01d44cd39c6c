using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Storage;

/// <summary>The writer's session on each engine (the matrix legs below).</summary>
public abstract class WriteSessionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private protected WriteSessionTests(StorageProviderKind kind) => Target = StorageTarget.Create(kind, _folder);

    private protected StorageTarget Target { get; }

    private protected TempFolder Folder => _folder;

    private protected WriteSession Open() => Target.Open(new FakeTimeProvider());

    [Fact]
    public void Named_parameters_bind_by_name_whatever_order_they_are_set_in()
    {
        using (var session = Open())
        {
            var insert = session.Prepare("INSERT INTO channel_state (channel, key, value) VALUES (@channel, @key, @value)");
            session.Begin();
            insert.Set("@value", "42").Set("@key", "offset").Set("@channel", "telegram").Execute();
            insert.Set("@key", "other").Set("@channel", "console").Set("@value", null ?? "7").Execute();
            session.Commit();
        }

        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM channel_state WHERE channel = 'telegram' AND key = 'offset' AND value = '42'"));
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM channel_state WHERE channel = 'console' AND key = 'other' AND value = '7'"));
    }

    [Fact]
    public void An_insert_gives_the_new_rows_id_and_null_when_it_inserted_nothing()
    {
        using var session = Open();
        var insert = session.Prepare($"""
            INSERT INTO dead_letters (channel, update_id, reason, raw, received_at)
            SELECT @channel, NULL, 'test', @raw, @now WHERE @keep = 1 {session.Dialect.ReturningId}
            """);
        var read = session.Prepare("SELECT channel FROM dead_letters WHERE id = @id");
        session.Begin();
        var first = insert.Set("@channel", "telegram").Set("@raw", new byte[] { 1 }).Set("@now", 1L).Set("@keep", 1).Insert();
        var skipped = insert.Set("@channel", "whatsapp").Set("@keep", 0).Insert();
        var second = insert.Set("@channel", "console").Set("@keep", 1).Insert();
        session.Commit();

        // Nothing inserted is null, not the id of the row inserted before it on the same connection.
        Assert.NotNull(first);
        Assert.Null(skipped);
        Assert.Equal(first + 1, second);
        Assert.Equal(2, Target.Count("SELECT COUNT(*) FROM dead_letters"));
        session.Begin();
        Assert.Equal("telegram", read.Set("@id", first!.Value).Scalar());
        Assert.Equal("console", read.Set("@id", second!.Value).Scalar());
        session.Commit();
    }

    [Fact]
    public void Values_keep_their_kind_and_runs_report_their_rows()
    {
        using (var session = Open())
        {
            var insert = session.Prepare($"INSERT INTO dead_letters (channel, update_id, reason, raw, received_at) VALUES (@channel, @update, @reason, @raw, @now) {session.Dialect.Returning("id")}");
            var rename = session.Prepare("UPDATE dead_letters SET reason = @reason WHERE update_id = @update");
            var read = session.Prepare("SELECT reason FROM dead_letters WHERE id = @id");
            session.Begin();
            var first = insert.Set("@channel", "telegram").Set("@update", null).Set("@reason", string.Empty).Set("@raw", Array.Empty<byte>()).Set("@now", 1L).Scalar();
            var second = insert.Set("@channel", "whatsapp").Set("@update", "u-2").Set("@reason", "bukan JSON ✓").Set("@raw", new byte[] { 0, 255 }).Set("@now", long.MaxValue).Scalar();
            Assert.IsType<long>(first);
            Assert.Equal((long)first! + 1, second);
            Assert.Equal(1, rename.Set("@reason", "diganti").Set("@update", "u-2").Execute());
            Assert.Equal(0, rename.Set("@reason", "tidak ada").Set("@update", "u-9").Execute());
            Assert.Equal("diganti", read.Set("@id", second).Scalar());
            Assert.Null(read.Set("@id", 99L).Scalar());
            session.Commit();
        }

        // An empty text and an empty blob stay empty, and a null stays NULL.
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM dead_letters WHERE channel = 'telegram' AND update_id IS NULL AND reason = '' AND received_at = 1"));
        Assert.Equal(1, Target.Count($"SELECT COUNT(*) FROM dead_letters WHERE channel = 'whatsapp' AND update_id = 'u-2' AND reason = 'diganti' AND received_at = {long.MaxValue}"));
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM dead_letters WHERE channel = 'telegram' AND length(raw) = 0"));
    }

    [Fact]
    public void A_statement_the_database_refuses_throws_its_error_and_runs_again_afterwards()
    {
        using var session = Open();
        var insert = session.Prepare("INSERT INTO channel_state (channel, key, value) VALUES (@channel, @key, @value)");
        session.Begin();
        insert.Set("@channel", "telegram").Set("@key", "offset").Set("@value", "1").Execute();
        Assert.ThrowsAny<System.Data.Common.DbException>(() => insert.Set("@value", "2").Execute()); // the same key again
        session.Rollback();

        session.Begin();
        Assert.Equal(1, insert.Set("@value", "3").Execute());
        session.Commit();
        Assert.Equal("3", Target.Text("SELECT value FROM channel_state WHERE channel = 'telegram' AND key = 'offset'"));
    }

    [Fact]
    public void A_parameter_the_statement_does_not_have_is_refused_by_name()
    {
        using var session = Open();
        var select = session.Prepare("SELECT value FROM channel_state WHERE channel = @channel -- not @key\n AND key = 'x@y'");
        var error = Assert.Throws<ArgumentException>(() => select.Set("@key", "offset"));
        Assert.Contains("@key", error.Message, StringComparison.Ordinal);
        Assert.Null(select.Set("@channel", "telegram").Scalar());
    }

    [Fact]
    public void A_rollback_undoes_the_writes_of_every_store_on_the_session_together()
    {
        using (var session = Open())
        {
            var owners = new SessionStore(session);
            var outbox = new OutboxStore(session);
            var state = session.Prepare("INSERT INTO channel_state (channel, key, value) VALUES (@channel, @key, @value)");
            session.Begin();
            Assert.True(owners.TryRecordInbound("test", "m1", 1));
            var (user, _, _) = owners.FindOrCreateUser("test", "c1", "id", 1);
            outbox.Enqueue(user, "test", "c1", OutboundMessage.Plain("Halo"), OutboxPriority.Interactive, 1);
            state.Set("@channel", "test").Set("@key", "k").Set("@value", "v").Execute();
            session.Rollback();

            // The same statements work again in the next transaction, which commits.
            session.Begin();
            state.Set("@channel", "test").Set("@key", "k2").Set("@value", "v").Execute();
            session.Commit();
        }

        Assert.Equal(0, Target.Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, Target.Count("SELECT COUNT(*) FROM users"));
        Assert.Equal(0, Target.Count("SELECT COUNT(*) FROM outbox"));
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM channel_state"));
        Assert.Equal(1, Target.Count("SELECT COUNT(*) FROM channel_state WHERE key = 'k2'"));
    }

    [Fact]
    public void Writes_to_watched_tables_are_counted_whichever_statement_makes_them()
    {
        using var session = Open();
        session.Watch("profile_values");
        var insertUser = session.Prepare("INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('t', 'c', 'id', 0, 0) RETURNING id");
        var upsert = session.Prepare("INSERT INTO profile_values (user_id, key, value, updated_at) VALUES (@user, 'name', 'Sari', 0) ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value");
        var erase = session.Prepare("UPDATE outbox SET text = '' WHERE user_id = @user; DELETE FROM profile_values WHERE user_id = @user");
        var other = session.Prepare("INSERT INTO channel_state (channel, key, value) VALUES ('t', 'k', 'v')");
        session.Begin();

        var user = (long)insertUser.Scalar()!;
        Assert.Equal(0, session.WatchedWrites); // users is not watched here
        other.Execute();
        Assert.Equal(0, session.WatchedWrites);
        upsert.Set("@user", user).Execute();
        Assert.Equal(1, session.WatchedWrites);
        erase.Set("@user", user).Execute();
        Assert.Equal(2, session.WatchedWrites);
        erase.Set("@user", user).Execute(); // nothing left to delete: no change, not counted
        Assert.Equal(2, session.WatchedWrites);
        session.Rollback();
    }

    public void Dispose()
    {
        Target.Dispose();
        _folder.Dispose();
    }
}

public sealed class WriteSessionTests_Sqlite() : WriteSessionTests(StorageProviderKind.Sqlite)
{
    [Fact]
    public void Statement_text_names_its_parameters_and_written_tables_outside_literals_and_comments()
    {
        const string Sql = """
            -- @ignored in a comment, UPDATE commented_out
            INSERT INTO answers (conversation_id, key, value) VALUES (@conversation, 'a@b', @value)
            ON CONFLICT (conversation_id, key) DO UPDATE SET value = excluded.value;
            UPDATE "users" SET language = @language WHERE id = @user;
            DELETE FROM outbox WHERE user_id = @user
            """;
        Assert.Equal(["@conversation", "@value", "@language", "@user"], SqlText.Parameters(Sql));
        Assert.Equal(["answers", "users", "outbox"], SqlText.WrittenTables(Sql));
    }

    [Fact]
    public void Another_connections_commit_is_seen_and_the_sessions_own_is_not()
    {
        using var session = Open();
        Assert.True(session.ChangedByOthers()); // first call: nothing known yet
        var own = session.Prepare("INSERT INTO channel_state (channel, key, value) VALUES ('t', 'own', 'v')");
        session.Begin();
        own.Execute();
        session.Commit();
        Assert.False(session.ChangedByOthers());

        using (var other = Database.Open(Folder.DatabasePath, TimeSpan.FromSeconds(5)))
        {
            Database.Execute(other, "INSERT INTO channel_state (channel, key, value) VALUES ('t', 'other', 'v')");
        }

        Assert.True(session.ChangedByOthers());
        Assert.False(session.ChangedByOthers());
    }
}

public sealed class WriteSessionTests_Postgres() : WriteSessionTests(StorageProviderKind.Postgres)
{
    /// <summary>PostgreSQL has no counter of other sessions' commits: every replica may have written, so every call says so.</summary>
    [Fact]
    public void Every_call_says_others_may_have_written_since_the_engine_cannot_tell()
    {
        using var session = Open();
        Assert.True(session.ChangedByOthers());
        var own = session.Prepare("INSERT INTO channel_state (channel, key, value) VALUES ('t', 'own', 'v')");
        session.Begin();
        own.Execute();
        session.Commit();
        Assert.True(session.ChangedByOthers());
    }
}
