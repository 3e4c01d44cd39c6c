using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Conversations;

public sealed class SessionBatchLoadTests_Sqlite() : SessionBatchLoadTests(StorageProviderKind.Sqlite)
{
}

public sealed class SessionBatchLoadTests_Postgres() : SessionBatchLoadTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// The writer reads the sessions of a batch's owners that it does not keep all at once, before the batch's first message
/// (on PostgreSQL: every owner of every batch): the same replies and state as messages each loading its own owner.
/// </summary>
public abstract class SessionBatchLoadTests : StorageMatrix
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private protected SessionBatchLoadTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task A_batch_of_owners_read_at_once_gets_the_replies_and_state_of_messages_applied_one_by_one()
    {
        using var oneByOne = Kind == StorageProviderKind.Postgres ? StorageTarget.Postgres() : StorageTarget.Sqlite(Path.Combine(Folder.Path, "one-by-one.db"));
        await StoreOwnersAsync(Db);
        await StoreOwnersAsync(oneByOne);

        // A writer that keeps nothing yet (as on PostgreSQL, where it drops what it keeps before every batch).
        HandledMessage[] batched;
        IReadOnlyDictionary<string, int> statements;
        await using (var fixture = await RestartAsync(Db))
        {
            using var counted = new Statements(Db);
            batched = await fixture.InOneTransactionAsync(() => [.. Scenario().Select(m => fixture.SendAsync(m.ChatId, m.Text, m.MessageId))]);
            statements = counted.ByText;
        }

        HandledMessage[] single;
        await using (var fixture = await RestartAsync(oneByOne))
        {
            var results = new List<HandledMessage>();
            foreach (var (chatId, text, messageId) in Scenario())
            {
                results.Add(await fixture.SendAsync(chatId, text, messageId));
            }

            single = [.. results];
        }

        Assert.Equal(single.Select(h => (h.Status, h.Reply?.Text)), batched.Select(h => (h.Status, h.Reply?.Text)));
        Assert.Contains(HandledStatus.Duplicate, batched.Select(h => h.Status));
        Assert.Equal(State(oneByOne), State(Db));
        Assert.Contains(State(Db), row => row.StartsWith("toko-a|sales|", StringComparison.Ordinal)); // answers were there to compare

        if (Kind == StorageProviderKind.Postgres)
        {
            // Read once for all of them: the one-owner statements ran only for the owner not stored yet (found, not there, created).
            int Count(string fragment) => statements.Where(s => s.Key.Contains(fragment, StringComparison.Ordinal)).Sum(s => s.Value);
            Assert.Equal(1, Count("FROM users WHERE channel = @channel AND chat_id = @chat"));
            Assert.Equal(0, Count("FROM profile_values WHERE user_id = @user"));
            Assert.Equal(0, Count("FROM conversations WHERE user_id = @user"));
            Assert.Equal(0, Count("FROM answers WHERE conversation_id = @conversation"));
            Assert.Equal(1, Count("JOIN users u ON"));
            Assert.Equal(1, Count("FROM answers WHERE conversation_id IN"));
        }
    }

    [Fact]
    public async Task A_stores_work_in_the_batch_that_changes_an_owner_read_at_its_start_is_seen_by_the_owners_later_message()
    {
        await StoreOwnersAsync(Db);
        await using var fixture = await RestartAsync(Db);
        Task<int>? renamed = null;

        // toko-a's session is read before the batch's first message; the work renames the business after that.
        var handled = await fixture.InOneTransactionAsync(() =>
        {
            var before = fixture.SendAsync("toko-b", "Toko B");
            renamed = fixture.RunAsync((store, _) =>
            {
                using var rename = store.Session.Prepare(
                    "UPDATE profile_values SET value = @value WHERE key = 'business_name' AND user_id = (SELECT id FROM users WHERE chat_id = 'toko-a')");
                return rename.Set("@value", DialogValue.FromText("Toko Baru").Serialize()).Execute();
            });
            return [before, fixture.SendAsync("toko-a", "tidak")];
        });

        Assert.Equal(1, await renamed!);
        Assert.StartsWith("Toko Baru: usaha mikro", handled[1].Reply?.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_batch_reads_its_owners_once_where_replicas_share_the_database()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        await fixture.SendAsync("owner", "/omzet");
        await fixture.SendAsync("other", "/omzet");

        using var counted = new Statements(Db);
        await fixture.InOneTransactionAsync(() => [fixture.SendAsync("owner", "Toko Sari"), fixture.SendAsync("other", "Warung Budi"), fixture.SendAsync("owner", "15 juta")]);

        // SQLite keeps them between batches (nothing read; its statements are not counted here); PostgreSQL reads them again.
        if (Kind == StorageProviderKind.Postgres)
        {
            Assert.Equal(1, counted.ByText.Where(s => s.Key.Contains("JOIN users u ON", StringComparison.Ordinal)).Sum(s => s.Value));
            Assert.Equal(0, counted.ByText.Where(s => s.Key.Contains("WHERE user_id = @user", StringComparison.Ordinal)).Sum(s => s.Value));
        }

        Assert.Equal(2, Db.Count("SELECT COUNT(*) FROM profile_values WHERE key = 'business_name'"));
        Assert.Equal("kur", Db.Text("SELECT c.step_id FROM conversations c JOIN users u ON u.id = c.user_id WHERE u.chat_id = 'owner'"));
    }

    /// <summary>
    /// Owners stored before the run, each at another point: in a dialog with answers and a profile value (a), before its
    /// first answer (b), done with the dialog but with a profile (c), and seen later than the others (d).
    /// </summary>
    private static async Task StoreOwnersAsync(StorageTarget target)
    {
        await using var fixture = await WriterFixture.StartAsync(target);
        fixture.Time.SetUtcNow(Start);
        await fixture.SendAsync("toko-a", "/omzet");
        await fixture.SendAsync("toko-a", "Toko A");
        await fixture.SendAsync("toko-a", "15 juta", messageId: "a-sales");
        await fixture.SendAsync("toko-b", "/omzet");
        await fixture.SendAsync("toko-c", "/omzet");
        await fixture.SendAsync("toko-c", "Toko C");
        await fixture.SendAsync("toko-c", "5 juta");
        await fixture.SendAsync("toko-c", "tidak");
        fixture.Time.Advance(TimeSpan.FromSeconds(90));
        await fixture.SendAsync("toko-d", "/omzet");
        await fixture.SendAsync("toko-d", "Toko D");
    }

    private static async Task<WriterFixture> RestartAsync(StorageTarget target)
    {
        var fixture = await WriterFixture.StartAsync(target);
        fixture.Time.SetUtcNow(Start + TimeSpan.FromSeconds(120)); // a, b and c last seen 2 min ago, d 30 s ago
        return fixture;
    }

    /// <summary>Stored owners and a new one, one owner several times, a redelivery from before and one within.</summary>
    private static IEnumerable<(string ChatId, string Text, string? MessageId)> Scenario() =>
    [
        ("toko-a", "tidak", null),
        ("toko-b", "Toko B", null),
        ("baru", "/omzet", null),
        ("toko-c", "/omzet", null),
        ("toko-a", "15 juta", "a-sales"),
        ("toko-b", "20 juta", "b-sales"),
        ("toko-d", "3 juta", null),
        ("toko-b", "20 juta", "b-sales"),
        ("baru", "Usaha Baru", null),
        ("toko-b", "ya", null),
        ("toko-c", "Toko C Baru", null),
    ];

    /// <summary>What the owners' messages left in the database, by owner, as text to compare.</summary>
    private static List<string> State(StorageTarget target)
    {
        string[] queries =
        [
            "SELECT u.chat_id, u.language, u.last_seen_at FROM users u ORDER BY u.chat_id",
            "SELECT u.chat_id, p.key, p.value, p.updated_at FROM profile_values p JOIN users u ON u.id = p.user_id ORDER BY u.chat_id, p.key",
            "SELECT u.chat_id, c.dialog_id, c.step_id, c.status, c.outcome, c.history, c.started_at, c.updated_at, c.mode, c.render FROM conversations c JOIN users u ON u.id = c.user_id ORDER BY u.chat_id, c.id",
            "SELECT u.chat_id, a.key, a.value, a.updated_at FROM answers a JOIN conversations c ON c.id = a.conversation_id JOIN users u ON u.id = c.user_id ORDER BY u.chat_id, c.id, a.key",
            "SELECT chat_id, text, buttons, created_at, not_before FROM outbox ORDER BY id",
            "SELECT COUNT(*) FROM inbox", // ids of their own (random) in each run
        ];
        var rows = new List<string>();
        using var connection = target.Connect();
        foreach (var sql in queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }
        }

        return rows;
    }

    /// <summary>
    /// The statements sent to the test's own PostgreSQL database while it lives, by text, from Npgsql's tracing (one
    /// activity per statement run); nothing on SQLite. Other tests' statements go to databases of their own.
    /// </summary>
    private sealed class Statements : IDisposable
    {
        private readonly ConcurrentDictionary<string, int> _byText = new(StringComparer.Ordinal);
        private readonly ActivityListener _listener;

        public Statements(StorageTarget target)
        {
            string database;
            using (var connection = target.Connect())
            {
                database = connection.Database;
            }

            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string text)
                    {
                        _byText.AddOrUpdate(text, 1, (_, count) => count + 1);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyDictionary<string, int> ByText => new Dictionary<string, int>(_byText, StringComparer.Ordinal);

        public void Dispose() => _listener.Dispose();
    }
}
