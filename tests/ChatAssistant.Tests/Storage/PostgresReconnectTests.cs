using ChatAssistant.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Channels.WhatsApp;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Tests.Storage;

/// <summary>
/// A replica's writer outlives its database session: when PostgreSQL restarts (an upgrade, a failover) or ends the
/// writer's session, the writer opens its connection again and owners are answered again, each message once.
/// </summary>
public sealed class PostgresReconnectTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_write_session_opens_its_connection_again_after_the_server_ended_it_and_says_so()
    {
        using var target = StorageTarget.Postgres();
        var logger = new RecordingLogger<WriteSession>();
        using var session = new WriteSession(target.Provider(TimeProvider.System), TimeProvider.System, logger);
        target.Execute("CREATE TABLE notes (id BIGINT PRIMARY KEY)");
        var insert = session.Prepare("INSERT INTO notes (id) VALUES (@id)");
        session.Begin();
        insert.Set("@id", 1L).Execute();
        session.Commit();

        EndOtherSessions(target);

        // The first statement after finds the session gone: a passing error, and the transaction is simply over.
        session.Begin();
        var lost = Assert.ThrowsAny<Exception>(() => insert.Set("@id", 2L).Execute());
        Assert.True(session.IsTransient(lost), lost.ToString());
        session.Rollback();

        // The next transaction runs on a new server session, with the statement prepared before.
        session.Begin();
        insert.Set("@id", 2L).Execute();
        session.Commit();

        Assert.Equal(2, target.Count("SELECT COUNT(*) FROM notes"));
        var reopened = Assert.Single(logger.Entries, e => e.EventId == 1100);
        Assert.Equal(LogLevel.Warning, reopened.Level);
    }

    [Fact]
    public async Task A_writer_whose_session_the_server_ended_answers_the_next_messages()
    {
        using var target = StorageTarget.Postgres();
        await using var fixture = await WriterFixture.StartAsync(target);
        Assert.Equal(HandledStatus.Answered, (await fixture.SendAsync("sari", "/omzet")).Status);

        EndOtherSessions(target);

        var next = await WaitAsync(fixture, fixture.SendAsync("sari", "Toko Sari"));
        Assert.Equal(HandledStatus.Answered, next.Status);
        Assert.Equal(2, target.Count("SELECT COUNT(*) FROM inbox"));
        Assert.Equal("t:Toko Sari", target.Text("SELECT value FROM profile_values"));
    }

    [Fact]
    public async Task Owners_are_answered_again_after_the_server_restarts_under_the_writer_each_message_once()
    {
        using var server = PostgresPrivateServer.Start();
        using var target = StorageTarget.Postgres(server.ConnectionString);
        await using var fixture = await WriterFixture.StartAsync(target);
        string[] owners = ["ani", "budi", "citra", "dewi", "eko"];
        string[] conversation = ["/omzet", "Toko", "1 miliar", "tidak"];
        var sends = new List<(string MessageId, Task<HandledMessage> Handled)>();

        Task<HandledMessage> Send(string owner, int turn)
        {
            var id = owner + "-" + turn;
            var handled = fixture.Writer.SubmitAsync(new InboundEnvelope("test", owner, id, InboundMessage.FromText(conversation[turn]), fixture.Time.GetUtcNow()));
            sends.Add((id, handled));
            return handled;
        }

        foreach (var owner in owners)
        {
            Assert.Equal(HandledStatus.Answered, (await Send(owner, 0)).Status);
        }

        // The restart runs while the owners' next messages arrive: some land before it, some meet it, some after.
        var restart = Task.Run(server.Restart);
        for (var turn = 1; turn < conversation.Length; turn++)
        {
            foreach (var owner in owners)
            {
                _ = Send(owner, turn);
            }

            await Task.Yield();
        }

        await restart.WaitAsync(Patience);
        var handled = await WaitAsync(fixture, Task.WhenAll(sends.Select(s => s.Handled)));

        // Every message is recorded once, and every owner's conversation reached its end in order.
        Assert.Equal(owners.Length * conversation.Length, target.Count("SELECT COUNT(DISTINCT message_id) FROM inbox"));
        Assert.Equal(owners.Length * conversation.Length, target.Count("SELECT COUNT(*) FROM inbox"));
        Assert.All(handled, h => Assert.NotEqual(HandledStatus.Failed, h.Status));

        // One reply per message, none twice: a batch whose commit the restart hid goes again and finds its messages
        // already handled (Duplicate), and its replies already in the outbox.
        Assert.Equal(owners.Length * conversation.Length, target.Count("SELECT COUNT(*) FROM outbox WHERE priority = 0"));
        Assert.All(handled.Where(h => h.Status == HandledStatus.Answered), h => Assert.Equal(1, target.Count($"SELECT COUNT(*) FROM outbox WHERE id = {h.OutboxId}")));
        foreach (var owner in owners)
        {
            Assert.StartsWith("Toko: usaha mikro, omzet Rp1.000.000.000.", target.Text($"SELECT text FROM outbox WHERE chat_id = '{owner}' ORDER BY id DESC LIMIT 1"), StringComparison.Ordinal);
        }
    }

    /// <summary>Ends every session on the test's database but the caller's, as an operator's pg_terminate_backend would.</summary>
    private static void EndOtherSessions(StorageTarget target) =>
        target.Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

    /// <summary>
    /// Waits for <paramref name="work"/> on the real server while moving the writer's clock on, so its waits between
    /// tries pass (they are on the fixture's fake clock).
    /// </summary>
    private static async Task<T> WaitAsync<T>(WriterFixture fixture, Task<T> work)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!work.IsCompleted && DateTime.UtcNow < deadline)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        return await work.WaitAsync(TimeSpan.Zero);
    }
}
