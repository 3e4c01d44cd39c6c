using ChatAssistant.Dialogs.Loading;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>Every dialog version conversations may still run on, kept by content hash.</summary>
internal sealed partial class ConversationStore
{
    private SqliteCommand? _saveDialogVersion;
    private SqliteCommand? _loadDialogVersion;
    private SqliteCommand? _latestDialogVersions;

    /// <summary>Keeps a dialog file's text under its content hash; a version already kept is left as it is.</summary>
    public void SaveDialogVersion(string hash, string dialogId, int version, DialogSource source, long now)
    {
        var command = _saveDialogVersion ??= PrepareLate(
            "INSERT INTO dialog_versions (hash, dialog_id, version, path, source, first_loaded_at) VALUES ($hash, $dialog, $version, $path, $source, $now) ON CONFLICT (hash) DO NOTHING",
            "$hash", "$dialog", "$version", "$path", "$source", "$now");
        command.Parameters[0].Value = hash;
        command.Parameters[1].Value = dialogId;
        command.Parameters[2].Value = version;
        command.Parameters[3].Value = source.Path;
        command.Parameters[4].Value = source.Text;
        command.Parameters[5].Value = now;
        command.ExecuteNonQuery();
    }

    /// <summary>The file text of a kept dialog version, or null when it was never kept.</summary>
    public DialogSource? LoadDialogVersion(string hash)
    {
        var command = _loadDialogVersion ??= PrepareLate("SELECT path, source FROM dialog_versions WHERE hash = $hash", "$hash");
        command.Parameters[0].Value = hash;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new DialogSource(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>The most recently first-loaded kept version of every dialog: what was live before a restart.</summary>
    public IReadOnlyList<DialogSource> LatestDialogVersions()
    {
        var command = _latestDialogVersions ??= PrepareLate("""
            SELECT path, source FROM dialog_versions AS d
            WHERE first_loaded_at = (SELECT MAX(first_loaded_at) FROM dialog_versions WHERE dialog_id = d.dialog_id)
            ORDER BY dialog_id
            """);
        var versions = new List<DialogSource>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions.Add(new DialogSource(reader.GetString(0), reader.GetString(1)));
        }

        return versions;
    }
}
