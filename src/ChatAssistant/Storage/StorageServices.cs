using ChatAssistant.Shared;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Storage;

internal static class StorageServices
{
    /// <summary>
    /// The configured provider (<c>Storage:Provider</c>: SQLite by default, or PostgreSQL) and the writer's one
    /// <see cref="WriteSession"/> that every feature store takes.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<IStorageProvider>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.Provider == StorageProviderKind.Postgres
                ? new PostgresProvider(storage.ConnectionString!)
                : new SqliteProvider(storage.Path, storage.BusyTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Random>(),
                    sp.GetRequiredService<ILogger<SqliteProvider>>());
        });
        services.AddSingleton(sp => new WriteSession(sp.GetRequiredService<IStorageProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WriteSession>>()));
        return services;
    }
}
