using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Everything the engine needs to answer one owner: their language, their profile (shared across dialogs, so
/// nothing is asked twice) and their open conversations. Loaded by the store for each message.
/// </summary>
public sealed class UserSession(string language)
{
    private HashSet<string>? _changedProfile;
    private ConversationState? _finished;
    private ConversationState? _reusable;

    public string Language { get; private set; } = Languages.Normalize(language) ?? Languages.Indonesian;

    /// <summary>The store's id of this owner (0 when not stored), for host actions that keep data about them.</summary>
    public long OwnerId { get; init; }

    /// <summary>
    /// Whether this person is one of the programme operators (the host sets it for every message, from its
    /// configuration; it is not stored). Only operators can start or continue <c>audience: operators</c> dialogs.
    /// </summary>
    public bool IsOperator { get; set; }

    /// <summary>
    /// Set by the engine when the owner asked for a person this turn (/petugas, or the offer's button): the host
    /// opens a handoff request in the same transaction. Not stored; cleared with the turn's changes.
    /// </summary>
    public bool HandoffRequested { get; set; }

    public Dictionary<string, DialogValue> Profile { get; } = new(StringComparer.Ordinal);

    /// <summary>Active and paused conversations; the engine adds new ones and the store saves the changed ones.</summary>
    public List<ConversationState> Conversations { get; } = [];

    public bool LanguageChanged { get; private set; }

    public IReadOnlyCollection<string> ChangedProfile => (IReadOnlyCollection<string>?)_changedProfile ?? [];

    public bool IsChanged => LanguageChanged || _changedProfile is { Count: > 0 };

    public ConversationState? Active
    {
        get
        {
            foreach (var conversation in Conversations)
            {
                if (conversation.Status == ConversationStatus.Active)
                {
                    return conversation;
                }
            }

            return null;
        }
    }

    /// <summary>Whether <see cref="AcceptChanges"/> dropped a finished conversation that <see cref="ReleaseFinished"/> may release for reuse.</summary>
    public bool HasFinished => _finished is not null;

    /// <summary>
    /// A new conversation, not yet added to <see cref="Conversations"/>: the object of a finished one when the host
    /// released it (<see cref="ReleaseFinished"/>), else a new one. An owner's conversation lives for minutes, so a new
    /// object each time outlives the young generation and is collected among the old ones, in long pauses.
    /// </summary>
    public ConversationState NewConversation(string dialogId, int dialogVersion, string stepId, DateTimeOffset startedAt)
    {
        if (_reusable is { } conversation)
        {
            _reusable = null;
            conversation.Reuse(dialogId, dialogVersion, stepId, startedAt);
            return conversation;
        }

        return new ConversationState(dialogId, dialogVersion, stepId, startedAt);
    }

    /// <summary>
    /// Lets <see cref="NewConversation"/> reuse the conversation <see cref="AcceptChanges"/> last dropped as finished.
    /// Only once the host has committed every write of it: a host may write a conversation's rows after its turn (with
    /// the rest of a batch), from the object as it is then. A host that never calls this gets new objects.
    /// </summary>
    public void ReleaseFinished()
    {
        if (_finished is not null)
        {
            // Its answers are written: they need not wait in memory for the next start (they may be personal data).
            _finished.Answers.Clear();
            _reusable = _finished;
            _finished = null;
        }
    }

    public ConversationState? Paused(string dialogId)
    {
        foreach (var conversation in Conversations)
        {
            if (conversation.Status == ConversationStatus.Paused && conversation.DialogId == dialogId)
            {
                return conversation;
            }
        }

        return null;
    }

    public void SetLanguage(string language)
    {
        if (language != Language)
        {
            Language = language;
            LanguageChanged = true;
        }
    }

    public void SetProfile(string key, DialogValue value)
    {
        Profile[key] = value;
        (_changedProfile ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
    }

    /// <summary>Forgets every profile value, pending changes too (the owner's data was deleted, e.g. /hapusdata).</summary>
    public void ClearProfile()
    {
        Profile.Clear();
        _finished = null;
        _reusable = null;
        _changedProfile?.Clear();
    }

    public void AcceptChanges()
    {
        LanguageChanged = false;
        HandoffRequested = false;
        _changedProfile?.Clear();
        foreach (var conversation in Conversations)
        {
            conversation.AcceptChanges();
        }

        // Finished conversations are saved once and then no longer loaded.
        for (var i = Conversations.Count - 1; i >= 0; i--)
        {
            if (!Conversations[i].IsOpen)
            {
                _finished = Conversations[i];
                Conversations.RemoveAt(i);
            }
        }
    }
}
