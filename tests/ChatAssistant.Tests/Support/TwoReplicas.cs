using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Support;

/// <summary>
/// Two writers on one PostgreSQL database, as two replicas hold it: the second's work runs on a thread of its own
/// while the first keeps its transaction open, and the test learns when the second is waiting for a lock.
/// </summary>
internal static class TwoReplicas
{
    /// <summary>
    /// Waits until some session of the target's database waits for a lock (a row's or an advisory one): the second
    /// replica got as far as the first one's hold. A generous bound; a correct run waits milliseconds.
    /// </summary>
    public static async Task UntilOneWaitsAsync(StorageTarget target, Task second)
    {
        Assert.Equal(StorageProviderKind.Postgres, target.Kind);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (target.Count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(second.IsCompleted, "the second replica finished without waiting for the first one's hold");
            Assert.True(DateTime.UtcNow < deadline, "the second replica never waited for the first one's hold");
            await Task.Delay(20);
        }
    }
}
