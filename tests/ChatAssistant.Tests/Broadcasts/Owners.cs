using System.Data.Common;
using System.Globalization;
using ChatAssistant.Broadcasts;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// Owners written straight into the database, as the store would have saved them after their conversations
/// (profile values "t:Sumatera Barat", numbers "n:72"), so a test states exactly who is in which segment.
/// </summary>
internal sealed class Owners(StorageTarget target)
{
    /// <summary>Owners in the SQLite file at <paramref name="databasePath"/>.</summary>
    public Owners(string databasePath)
        : this(StorageTarget.Sqlite(databasePath))
    {
    }

    /// <summary>2026-11-20 10:00 WIB: when the seeded owners last wrote, unless a test says otherwise.</summary>
    public static readonly DateTimeOffset LastSeen = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    public long Add(string chatId, string language = Languages.Indonesian, string channel = "telegram", DateTimeOffset? lastSeen = null, params (string Key, string Value)[] profile)
    {
        using var connection = target.Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES (@channel, @chat, @language, @seen, @seen) RETURNING id";
        Add(insert, "@channel", channel);
        Add(insert, "@chat", chatId);
        Add(insert, "@language", language);
        Add(insert, "@seen", (lastSeen ?? LastSeen).ToUnixTimeMilliseconds());
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        foreach (var (key, value) in profile)
        {
            Execute(connection, "INSERT INTO profile_values (user_id, key, value, updated_at) VALUES (@a, @b, @c, 0)", id, key, value);
        }

        return id;
    }

    /// <summary>An owner in a province (saved as the official name, as the province input does).</summary>
    public long InProvince(string chatId, string province, string language = Languages.Indonesian, string channel = "telegram") =>
        Add(chatId, language, channel, profile: ("province", "t:" + province));

    /// <summary>A conversation of a dialog; status 2 is completed, 0 active. Answers are stored values ("t:micro").</summary>
    public void Conversation(long userId, string dialogId, int status, string? outcome, params (string Key, string Value)[] answers)
    {
        using var connection = target.Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO conversations (user_id, dialog_id, dialog_version, step_id, status, outcome, history, started_at, updated_at)
            VALUES (@user, @dialog, 1, 'done', @status, @outcome, '[]', 0, 0) RETURNING id
            """;
        Add(insert, "@user", userId);
        Add(insert, "@dialog", dialogId);
        Add(insert, "@status", (long)status);
        Add(insert, "@outcome", outcome);
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        foreach (var (key, value) in answers)
        {
            Execute(connection, "INSERT INTO answers (conversation_id, key, value, updated_at) VALUES (@a, @b, @c, 0)", id, key, value);
        }
    }

    public void Registration(long userId, string programId, string status)
    {
        using var connection = target.Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO training_registrations (program_id, user_id, status, code, created_at) VALUES (@program, @user, @status, @code, 0)";
        Add(insert, "@program", programId);
        Add(insert, "@user", userId);
        Add(insert, "@status", status);
        Add(insert, "@code", Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)));
        insert.ExecuteNonQuery();
    }

    public void OptOut(long userId) => Sql.Execute(target, "UPDATE users SET opted_out_at = 1 WHERE id = " + userId.ToString(CultureInfo.InvariantCulture));

    public void Unreachable(long userId) => Sql.Execute(target, "UPDATE users SET unreachable_at = 1 WHERE id = " + userId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The chat ids on a broadcast's recipient list with the given status (any status when null), sorted.</summary>
    public IReadOnlyList<string> Recipients(long broadcastId, string? status = null) =>
        Column($"""
            SELECT u.chat_id FROM broadcast_recipients r JOIN users u ON u.id = r.user_id
            WHERE r.broadcast_id = {broadcastId.ToString(CultureInfo.InvariantCulture)} {(status is null ? string.Empty : $"AND r.status = '{status}'")}
            ORDER BY u.chat_id
            """);

    /// <summary>The chat ids with an announcement waiting in the outbox (not sent, not failed), sorted.</summary>
    public IReadOnlyList<string> QueuedAnnouncements() =>
        Column("SELECT chat_id FROM outbox WHERE broadcast_id IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL ORDER BY chat_id");

    public string? RecipientStatus(long broadcastId, string chatId) => Sql.Text(target, $"""
        SELECT r.status FROM broadcast_recipients r JOIN users u ON u.id = r.user_id
        WHERE r.broadcast_id = {broadcastId.ToString(CultureInfo.InvariantCulture)} AND u.chat_id = '{chatId}'
        """);

    public IReadOnlyList<string> Column(string sql)
    {
        using var connection = target.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    /// <summary>The real announcement actions (/berhenti, /mulai, /siaran) with default delivery options.</summary>
    public static HostParts Actions(params string[] moreDialogs) => new(
        Actions: (store, _) => new DialogActions([new BroadcastActions(store.Broadcasts(), new TrainingCatalog([]), Options.Create(new BroadcastOptions()), NullLogger<BroadcastActions>.Instance)]),
        MoreDialogs: moreDialogs);

    public static string ShippedDialog(string file) =>
        File.ReadAllText(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", file));

    /// <summary>An empty database with the current schema, for tests that write owners before any store exists.</summary>
    public static void CreateSchema(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        Database.Migrate(connection, TimeProvider.System);
    }

    /// <summary>The current schema in <paramref name="target"/>, as the worker would have made it.</summary>
    public static void CreateSchema(StorageTarget target) => target.Open(TimeProvider.System).Dispose();

    private static void Execute(DbConnection connection, string sql, object a, object b, object c)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@a", a);
        Add(command, "@b", b);
        Add(command, "@c", c);
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.String; // PostgreSQL cannot tell the type of a bare NULL
        }

        command.Parameters.Add(parameter);
    }
}
