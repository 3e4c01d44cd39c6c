using ChatAssistant.Conversations;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Tests.Conversations;

/// <summary>A database that refuses writes for a while delays owners' messages; it never loses or misanswers them.</summary>
public sealed class WriterDatabaseFaultTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_message_that_meets_a_locked_database_waits_and_is_answered_once_the_lock_is_gone_never_with_an_apology()
    {
        await using var fixture = await WriterFixture.StartAsync(_folder.DatabasePath, TelegramTestDialogs.Notes, busyTimeout: TimeSpan.FromMilliseconds(100));
        await fixture.SendAsync("ani", "/catat");

        Task<HandledMessage> handled;
        using (var other = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False"))
        {
            // Another process's write transaction, held: the writer's BEGIN IMMEDIATE gets SQLITE_BUSY.
            other.Open();
            using var hold = other.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            using (var write = other.CreateCommand())
            {
                write.Transaction = hold;
                write.CommandText = "INSERT INTO channel_state (channel, key, value) VALUES ('ops', 'lock', 'held')";
                write.ExecuteNonQuery();
            }

            handled = fixture.SendAsync("ani", "n1");

            // The writer tries again and again (its waits are on the test's clock); the message waits, unanswered.
            for (var i = 0; i < 20; i++)
            {
                fixture.Time.Advance(TimeSpan.FromSeconds(2));
                await Task.Delay(50);
            }

            Assert.False(handled.IsCompleted, "the message was completed while the database was locked");
            hold.Rollback();
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!handled.IsCompleted && DateTime.UtcNow < deadline)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20);
        }

        var result = await handled;
        Assert.Equal(HandledStatus.Answered, result.Status);
        Assert.StartsWith("Dicatat: n1", result.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(2, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE text LIKE 'Maaf%'"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM channel_state WHERE channel = 'ops'"));
    }
}
