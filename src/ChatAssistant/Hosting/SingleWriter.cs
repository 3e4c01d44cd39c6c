using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Hosting;

/// <summary>
/// The verbs that write as the database's one writer (the worker and <c>chat</c>) take its lock before anything
/// else opens it; a second one is refused with one line (see <see cref="DatabaseLock"/>). On PostgreSQL there is no
/// such lock: replicas are equal writers (each owner's messages are locked per transaction, and the work only one may
/// do is elected, see <see cref="HeldRole"/>).
/// </summary>
internal static class SingleWriter
{
    /// <summary>
    /// Takes the lock of the configured SQLite database, or throws <see cref="DatabaseInUseException"/>; null on a
    /// database that several processes share.
    /// </summary>
    /// <param name="services">The verb's host services (storage options, clock).</param>
    /// <param name="what">What is running, for the message another process shows, e.g. "the worker".</param>
    public static DatabaseLock? Take(IServiceProvider services, string what)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != StorageProviderKind.Sqlite)
        {
            return null;
        }

        var since = Wib.Format(services.GetRequiredService<TimeProvider>().GetUtcNow());
        return DatabaseLock.Acquire(storage.Path, $"{what} (process {Environment.ProcessId}, since {since})");
    }
}
