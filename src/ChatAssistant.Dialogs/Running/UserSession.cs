using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Everything the engine needs to answer one owner: their language, their profile (shared across dialogs, so
/// nothing is asked twice) and their open conversations. Loaded by the store for each message.
/// </summary>
public sealed class UserSession(string language)
{
    private HashSet<string>? _changedProfile;

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
        Conversations.RemoveAll(c => !c.IsOpen);
    }
}
