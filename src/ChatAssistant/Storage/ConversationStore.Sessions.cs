using System.Runtime.CompilerServices;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// What keeps the message path short: a cheap touch and staleness checks for the writer's session cache, and
/// the encoded form of reply buttons kept rather than written anew for every reply.
/// </summary>
internal sealed partial class ConversationStore
{
    private const int ButtonSlots = 64;

    private readonly IReadOnlyList<Button>?[] _buttonLists = new IReadOnlyList<Button>?[ButtonSlots];
    private readonly string?[] _buttonJson = new string?[ButtonSlots];

    /// <summary>Records that the owner was seen, for a session taken from the cache instead of <see cref="LoadSession"/>.</summary>
    public void TouchUser(long userId, long now)
    {
        _touchUser.Parameters[0].Value = now;
        _touchUser.Parameters[1].Value = userId;
        _touchUser.ExecuteNonQuery();
    }

    /// <summary>
    /// True when another connection (another process, or a tool) has committed since the last call, i.e. when
    /// what this connection read before may be stale (SQLite's <c>PRAGMA data_version</c>; this connection's
    /// own commits do not change it). Also true on the first call.
    /// </summary>
    public bool ChangedByOthers() => _session.ChangedByOthers();

    /// <summary>
    /// The outbox form of a reply's buttons. A question's buttons are its compiled step's own array, the same
    /// object for every owner who sees that question, so the JSON is kept per array (by reference, in a few
    /// slots) instead of being encoded again for each reply. Button lists are never changed once handed over.
    /// </summary>
    private string EncodeButtons(IReadOnlyList<Button> buttons)
    {
        var slot = (RuntimeHelpers.GetHashCode(buttons) & int.MaxValue) % ButtonSlots;
        if (ReferenceEquals(_buttonLists[slot], buttons))
        {
            return _buttonJson[slot]!;
        }

        var json = OutboxButtons.Encode(buttons);
        _buttonLists[slot] = buttons;
        _buttonJson[slot] = json;
        return json;
    }
}
