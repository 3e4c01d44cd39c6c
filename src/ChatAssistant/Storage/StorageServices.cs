using ChatAssistant.Shared;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Storage;

internal static class StorageServices
{
    /// <summary>The provider (SQLite) and the writer's one <see cref="WriteSession"/> that every feature store takes.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<IStorageProvider>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new SqliteProvider(storage.Path, storage.BusyTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Random>(),
                sp.GetRequiredService<ILogger<SqliteProvider>>());
        });
        services.AddSingleton(sp => new WriteSession(sp.GetRequiredService<IStorageProvider>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
