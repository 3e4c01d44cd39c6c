using System.CommandLine;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Operators;

/// <summary>
/// The host an operator's verb (programs, registrations, broadcast, report) runs on: the conversation core
/// over the configured database, without channels, so it is safe beside a running worker (SQLite WAL, each
/// write in its own short transaction). Built through the <see cref="IVerbComposition"/> Hosting passes in.
/// </summary>
internal sealed class OperatorVerbHost(IVerbComposition composition)
{
    public static Option<string?> DbOption() => new("--db") { Description = "The database file (default: Storage:Path, data/chatassistant.db)." };

    public static Option<string?> DialogsOption() => new("--dialogs") { Description = "The dialogs folder (default: Dialogs:Path, dialogs)." };

    /// <summary>The configuration every verb reads, with <paramref name="overrides"/> last.</summary>
    public IConfiguration Configuration(IReadOnlyDictionary<string, string?> overrides) => composition.Configuration(overrides);

    /// <summary>The channels whose configuration is present.</summary>
    public IReadOnlyList<string> EnabledChannels(IConfiguration configuration) => composition.EnabledChannels(configuration);

    public IHost Build(string? db, string? dialogs)
    {
        var overrides = new Dictionary<string, string?>();
        if (db is not null)
        {
            overrides["Storage:Path"] = db;
        }

        if (dialogs is not null)
        {
            overrides["Dialogs:Path"] = dialogs;
        }

        return composition.BuildConversationHost(overrides);
    }

    /// <summary>
    /// The host of a verb that reads or changes an existing deployment's data, or null after one line on stderr when
    /// the configured database is missing, a folder or not a database. Such a verb never creates a database: at a
    /// mistyped --db an empty new one would report "nothing yet" and mislead the operator. The worker and
    /// <c>chat</c> create it as before.
    /// </summary>
    public async Task<IHost?> BuildExistingAsync(string? db, string? dialogs, string verb)
    {
        var host = Build(db, dialogs);
        try
        {
            // A database server never makes a database on connecting: only a file can be created by mistake.
            if (host.Services.GetRequiredService<IStorageProvider>() is SqliteProvider sqlite)
            {
                Database.Check(sqlite.Path, mustExist: true);
            }

            return host;
        }
        catch (Exception ex) when (StartupProblem.IsFixable(ex))
        {
            host.Dispose();
            await Console.Error.WriteLineAsync($"{verb}: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Resolves a service, turning a start-up problem a person can fix into one line on stderr (null).</summary>
    public static async Task<T?> ResolveAsync<T>(IHost host, string verb)
        where T : class
    {
        try
        {
            return host.Services.GetRequiredService<T>();
        }
        catch (Exception ex) when (StartupProblem.IsFixable(ex))
        {
            await Console.Error.WriteLineAsync($"{verb}: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
            return null;
        }
    }
}
