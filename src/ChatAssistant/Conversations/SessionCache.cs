using System.Diagnostics.CodeAnalysis;
using ChatAssistant.Storage;

namespace ChatAssistant.Conversations;

/// <summary>
/// Active owners' sessions kept by the writer between messages, so that an owner's profile, conversations
/// and answers are not read back from the database with every message (four queries of a message's ten).
/// Only the writer writes sessions, so a cached session is what a fresh load would return, as long as the
/// writer drops the cache whenever that may stop being true: after a rollback (sessions changed in memory,
/// not on disk), when another connection has committed, and when a store request wrote sessions itself.
/// Bounded by two generations of half the capacity each: a hit in the older one moves the session to the
/// current one, and when the current one is full the older one is dropped whole. A hit allocates nothing.
/// </summary>
internal sealed class SessionCache(int capacity)
{
    private readonly int _generationSize = Math.Max(1, capacity / 2);
    private Dictionary<(string Channel, string ChatId), StoredSession> _current = [];
    private Dictionary<(string Channel, string ChatId), StoredSession> _previous = [];

    public int Count => _current.Count + _previous.Count;

    /// <summary>
    /// How many sessions may be added at once, and then taken, without dropping any of them: half a generation, so that
    /// adding them, and taking them (which moves them to the current one), turns the generations over once at most.
    /// </summary>
    public int Room => capacity == 0 ? 0 : _generationSize / 2;

    /// <summary>Whether the session is kept, without counting it as used.</summary>
    public bool Contains(string channel, string chatId) => _current.ContainsKey((channel, chatId)) || _previous.ContainsKey((channel, chatId));

    public bool TryGet(string channel, string chatId, [MaybeNullWhen(false)] out StoredSession session)
    {
        var key = (channel, chatId);
        if (_current.TryGetValue(key, out session))
        {
            return true;
        }

        if (_previous.Remove(key, out session))
        {
            Add(session);
            return true;
        }

        return false;
    }

    /// <summary>Keeps a session whose every change is saved in the transaction about to commit.</summary>
    public void Add(StoredSession session)
    {
        if (capacity == 0)
        {
            return;
        }

        var key = (session.Channel, session.ChatId);
        if (_current.Count >= _generationSize && !_current.ContainsKey(key))
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
        }

        _current[key] = session;
    }

    public void Clear()
    {
        _current.Clear();
        _previous.Clear();
    }
}
