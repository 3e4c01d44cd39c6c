using ChatAssistant.Handoff;
using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Handoff;

/// <summary>Two operators take the same request at the same moment through two replicas on one PostgreSQL database.</summary>
public sealed class HandoffTakeOnReplicasTests : IDisposable
{
    private static readonly WorkingHours Always = new([.. Enum.GetValues<DayOfWeek>()], TimeSpan.Zero, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));

    private readonly StorageTarget _target = StorageTarget.Postgres();

    public void Dispose() => _target.Dispose();

    [Fact]
    public async Task The_second_operator_to_take_a_request_on_another_replica_is_told_the_first_has_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        using var first = _target.Open(time);
        using var second = _target.Open(time);
        var ani = new HandoffStore(new OutboxStore(first), Always, NullLogger<HandoffStore>.Instance);
        var budi = new HandoffStore(new OutboxStore(second), Always, NullLogger<HandoffStore>.Instance);
        _target.Execute("INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('telegram', 'owner', 'id', 0, 0)");
        first.Begin();
        Assert.Null(ani.Open(_target.Count("SELECT id FROM users"), "telegram", "owner", "id", time.GetUtcNow()));
        first.Commit();
        var id = _target.Count("SELECT id FROM handoffs");

        first.Begin();
        Assert.Equal(new HandoffOutcome(HandoffResult.Done, "ani"), ani.Take(id, "ani", time.GetUtcNow()));
        var taking = Task.Run(() =>
        {
            second.Begin();
            var outcome = budi.Take(id, "budi", time.GetUtcNow()); // reads it free, then waits for ani's row
            second.Commit();
            return outcome;
        });
        await TwoReplicas.UntilOneWaitsAsync(_target, taking);
        first.Commit();

        Assert.Equal(new HandoffOutcome(HandoffResult.TakenByOther, "ani"), await taking);
        Assert.Equal("ani", _target.Text($"SELECT taken_by FROM handoffs WHERE id = {id}"));
    }
}
