using System.Globalization;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using System.Data.Common;

namespace ChatAssistant.Health;

/// <summary>Where a channel's last successful call is kept: its channel_state row, key <c>last_success_at</c> (Unix ms).</summary>
internal static class ChannelHealthSql
{
    public const string Key = "last_success_at";

    public static void Record(OutboxStore store, string channel, DateTimeOffset at) =>
        store.SetChannelState(channel, Key, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    public static DateTimeOffset? LastSuccess(DbConnection connection, string channel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM channel_state WHERE channel = @channel AND key = @key";
        Add(command, "@channel", channel);
        Add(command, "@key", Key);
        return command.ExecuteScalar() is string text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    /// <summary>The schema version: proves the file is a database this assistant made, and that it answers.</summary>
    public static long SchemaVersion(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
