namespace ChatAssistant.Storage;

/// <summary>
/// A stable 64-bit key for a named thing to lock (an owner, a programme's seats, a replica role), the same in every
/// process and every run: FNV-1a over the name's UTF-16 code units. Two names sharing a key only wait for each other.
/// </summary>
internal static class LockKey
{
    public static long Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    /// <summary>The key of a named thing within a kind, e.g. <c>Of("owner", "telegram:42")</c>.</summary>
    public static long Of(string kind, string name) => Of(kind + "\u001f" + name);
}
