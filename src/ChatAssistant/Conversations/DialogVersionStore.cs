using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Storage;

namespace ChatAssistant.Conversations;

/// <summary>
/// Every dialog version conversations may still run on, kept by content hash: the dialog folder keeps each version
/// it loads, and the writer brings back the version a loaded conversation is pinned to. Here, beside the writer,
/// because the writer reads it (the dialog folder depends on Conversations, not the other way).
/// </summary>
internal sealed class DialogVersionStore(WriteSession session) : IWriteStore
{
    private readonly PreparedCommand _save = session.Prepare(
        "INSERT INTO dialog_versions (hash, dialog_id, version, path, source, first_loaded_at) VALUES (@hash, @dialog, @version, @path, @source, @now) " + session.Dialect.InsertIgnore);

    private readonly PreparedCommand _load = session.Prepare("SELECT path, source FROM dialog_versions WHERE hash = @hash");

    private readonly PreparedCommand _latest = session.Prepare("""
        SELECT path, source FROM dialog_versions AS d
        WHERE first_loaded_at = (SELECT MAX(first_loaded_at) FROM dialog_versions WHERE dialog_id = d.dialog_id)
        ORDER BY dialog_id
        """);

    public WriteSession Session => session;

    /// <summary>Keeps a dialog file's text under its content hash; a version already kept is left as it is.</summary>
    public void Save(string hash, string dialogId, int version, DialogSource source, long now) =>
        _save.Set("@hash", hash).Set("@dialog", dialogId).Set("@version", version).Set("@path", source.Path).Set("@source", source.Text).Set("@now", now).Execute();

    /// <summary>The file text of a kept dialog version, or null when it was never kept.</summary>
    public DialogSource? Load(string hash)
    {
        using var reader = _load.Set("@hash", hash).Read();
        return reader.Read() ? new DialogSource(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>The most recently first-loaded kept version of every dialog: what was live before a restart.</summary>
    public IReadOnlyList<DialogSource> Latest()
    {
        var versions = new List<DialogSource>();
        using var reader = _latest.Read();
        while (reader.Read())
        {
            versions.Add(new DialogSource(reader.GetString(0), reader.GetString(1)));
        }

        return versions;
    }
}
