using ChatAssistant.Conversations;
using ChatAssistant.Training;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Training;

/// <summary>Two replicas on one PostgreSQL database register owners for the last seat at the same moment.</summary>
public sealed class SeatLockTests
{
    [Fact]
    public async Task Two_replicas_never_both_give_away_the_last_seat()
    {
        var target = StorageTarget.Postgres();
        var time = TimeProvider.System;
        using var first = target.Open(time);
        using var second = target.Open(time);
        var now = time.GetUtcNow();
        long ownerA, ownerB;
        first.Begin();
        ownerA = new SessionStore(first).FindOrCreateUser("telegram", "1", null, now.ToUnixTimeMilliseconds()).UserId;
        ownerB = new SessionStore(first).FindOrCreateUser("telegram", "2", null, now.ToUnixTimeMilliseconds()).UserId;
        first.Commit();
        var storeA = new TrainingStore(first);
        var storeB = new TrainingStore(second);

        // Replica A takes the lock and counts a free seat; replica B, arriving meanwhile, must wait for A's commit.
        first.Begin();
        storeA.LockSeats("ekspor-2027");
        var seatForA = storeA.CountSeats("ekspor-2027") < 1;
        var replicaB = Task.Run(() =>
        {
            second.Begin();
            storeB.LockSeats("ekspor-2027");
            var seat = storeB.CountSeats("ekspor-2027") < 1;
            storeB.InsertRegistration("ekspor-2027", ownerB, null, null, seat, "B-0001", now);
            second.Commit();
            return seat;
        });
        Assert.NotSame(replicaB, await Task.WhenAny(replicaB, Task.Delay(TimeSpan.FromMilliseconds(300))));
        storeA.InsertRegistration("ekspor-2027", ownerA, null, null, seatForA, "A-0001", now);
        first.Commit();
        var seatForB = await replicaB.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(seatForA);
        Assert.False(seatForB);
        Assert.Equal(1, target.Count("SELECT COUNT(*) FROM training_registrations WHERE status = 'seat'"));
        Assert.Equal(1, target.Count("SELECT COUNT(*) FROM training_registrations WHERE status = 'waitlist'"));
    }
}
