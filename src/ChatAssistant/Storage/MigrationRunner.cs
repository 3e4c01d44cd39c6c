using System.Data.Common;

namespace ChatAssistant.Storage;

/// <summary>Applies a provider's migrations the database has not seen, each in its own write transaction, and records them.</summary>
internal static class MigrationRunner
{
    /// <returns>The migrations this call applied, in order (none when another process had applied them all).</returns>
    public static IReadOnlyList<Migration> Apply(DbConnection connection, IStorageProvider provider, TimeProvider time)
    {
        // Several replicas start at once on one PostgreSQL: one migrates, the others wait here and then find every
        // migration recorded. Held from before the table of migrations is created, which two sessions cannot race on.
        using var migrating = provider.LockMigrations(connection);
        using (var create = connection.CreateCommand())
        {
            create.CommandText = provider.MigrationsTable;
            create.ExecuteNonQuery();
        }

        var applied = new List<Migration>();
        foreach (var migration in provider.Migrations)
        {
            // The write lock first: a second process migrating at the same moment waits, then sees the row and skips.
            using var transaction = provider.BeginWrite(connection);
            using (var check = Command(connection, transaction, "SELECT 1 FROM schema_migrations WHERE version = @version"))
            {
                Bind(check, "@version", migration.Version);
                if (check.ExecuteScalar() is not null)
                {
                    continue;
                }
            }

            using (var apply = Command(connection, transaction, migration.Sql))
            {
                apply.ExecuteNonQuery();
            }

            using (var record = Command(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)"))
            {
                Bind(record, "@version", migration.Version);
                Bind(record, "@name", migration.Name);
                Bind(record, "@at", StoredTime.From(time.GetUtcNow()));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(migration);
        }

        return applied;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
