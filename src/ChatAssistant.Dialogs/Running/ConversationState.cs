using System.Diagnostics.CodeAnalysis;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// One owner's run through one dialog: where it stands, what was answered, and the path taken (for "back").
/// The store loads it, the engine changes it, the store saves what changed. It is also the external state of
/// the dialog's Stateless machine: the machine reads and writes <see cref="StepId"/> directly.
/// </summary>
public sealed class ConversationState
{
    private HashSet<string>? _changedAnswers;
    private HashSet<string>? _removedAnswers;

    public ConversationState(string dialogId, int dialogVersion, string stepId, DateTimeOffset startedAt) =>
        Reuse(dialogId, dialogVersion, stepId, startedAt);

    /// <summary>The store's row id; 0 until first saved.</summary>
    public long Id { get; set; }

    public string DialogId { get; private set; }

    public int DialogVersion { get; set; }

    /// <summary>
    /// The content hash of the dialog file this conversation started on. It finishes on that version even
    /// after the file changes or the worker restarts; null for conversations from before versions were kept.
    /// </summary>
    public string? DialogHash { get; set; }

    public string StepId { get; set; }

    public ConversationStatus Status { get; set; }

    public string? Outcome { get; set; }

    public ConversationMode Mode { get; set; }

    /// <summary>In <see cref="ConversationMode.Checking"/>: why the answer waiting under <see cref="PendingKey"/> was said back.</summary>
    public AnswerCheck Check { get; set; }

    /// <summary>
    /// Where an answer said back for confirmation waits until the owner says yes. '@' is in no answer key, so
    /// conditions and placeholders never read it, and the store keeps it like any answer across restarts.
    /// </summary>
    public const string PendingKey = "@check";

    /// <summary>The mode to return to once a check is answered: editing from a review, or normal.</summary>
    public ConversationMode BaseMode => ReviewStepId is null ? ConversationMode.Normal : ConversationMode.Editing;

    /// <summary>While editing from a review: the review step to come back to.</summary>
    public string? ReviewStepId { get; set; }

    /// <summary>The step whose long run-time list is shown page by page, and the page shown (0 = the first).</summary>
    public string? PagedStepId { get; set; }

    public int Page { get; set; }

    /// <summary>The page shown of <paramref name="stepId"/>'s list: a page kept for another step does not count.</summary>
    public int PageOf(string stepId) => PagedStepId == stepId ? Page : 0;

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>
    /// How many times a question of this conversation was shown with answer buttons. Each rendering gets its own
    /// tap token (see <see cref="Messages.ButtonData.Token"/>), so only the latest buttons answer.
    /// </summary>
    public int Render { get; set; }

    /// <summary>Counts a new rendering of the current question's buttons; saved, but not a change of the answers.</summary>
    public void CountRender()
    {
        Render++;
        IsChanged = true;
    }

    public DateTimeOffset UpdatedAt { get; set; }

    public Dictionary<string, DialogValue> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>The ask steps answered, oldest first; "back" pops the last one.</summary>
    public List<string> History { get; } = [];

    /// <summary>
    /// The status and outcome as the store last wrote them (the host's bookkeeping; null when not known): an update that
    /// leaves both as they are can then leave them out, which spares the indexes over them a write.
    /// </summary>
    public (ConversationStatus Status, string? Outcome)? Stored { get; set; }

    /// <summary>Whether <see cref="Status"/> and <see cref="Outcome"/> are as <see cref="Stored"/> says the store has them.</summary>
    public bool StatusAsStored => Stored is { } stored && stored.Status == Status && string.Equals(stored.Outcome, Outcome, StringComparison.Ordinal);

    /// <summary>True when anything in this conversation changed during the current turn.</summary>
    public bool IsChanged { get; private set; }

    /// <summary>Every answer was dropped this turn (a restart): the store deletes the old rows first.</summary>
    public bool AnswersCleared { get; private set; }

    public IReadOnlyCollection<string> ChangedAnswers => (IReadOnlyCollection<string>?)_changedAnswers ?? [];

    /// <summary>Answers dropped this turn because the path no longer passes their question; the store deletes them.</summary>
    public IReadOnlyCollection<string> RemovedAnswers => (IReadOnlyCollection<string>?)_removedAnswers ?? [];

    public bool IsOpen => Status is ConversationStatus.Active or ConversationStatus.Paused;

    public void SetAnswer(string key, DialogValue value)
    {
        Answers[key] = value;
        (_changedAnswers ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
        _removedAnswers?.Remove(key);
        IsChanged = true;
    }

    public void RemoveAnswer(string key)
    {
        if (Answers.Remove(key))
        {
            _changedAnswers?.Remove(key);
            (_removedAnswers ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
            IsChanged = true;
        }
    }

    public void ClearAnswers()
    {
        Answers.Clear();
        History.Clear();
        _changedAnswers?.Clear();
        _removedAnswers?.Clear();
        Mode = ConversationMode.Normal;
        Check = AnswerCheck.None;
        ReviewStepId = null;
        AnswersCleared = true;
        IsChanged = true;
    }

    public void MarkChanged(DateTimeOffset now)
    {
        UpdatedAt = now;
        IsChanged = true;
    }

    /// <summary>
    /// Sets every field as a new conversation has it: the constructor's work, and how a finished conversation's object
    /// is made a new one, keeping its collections' capacity (see <see cref="UserSession.NewConversation"/>). An owner's
    /// conversations then stop feeding the old generations of the garbage collector, which at thousands of messages a
    /// second is what its longest pauses are made of.
    /// </summary>
    [MemberNotNull(nameof(DialogId), nameof(StepId))]
    internal void Reuse(string dialogId, int dialogVersion, string stepId, DateTimeOffset startedAt)
    {
        Id = 0;
        DialogId = dialogId;
        DialogVersion = dialogVersion;
        DialogHash = null;
        StepId = stepId;
        Status = ConversationStatus.Active;
        Outcome = null;
        Mode = ConversationMode.Normal;
        Check = AnswerCheck.None;
        ReviewStepId = null;
        PagedStepId = null;
        Page = 0;
        StartedAt = startedAt;
        Render = 0;
        UpdatedAt = startedAt;
        Answers.Clear();
        History.Clear();
        Stored = null;
        IsChanged = false;
        AnswersCleared = false;
        _changedAnswers?.Clear();
        _removedAnswers?.Clear();
    }

    /// <summary>Called by the store once the changes are committed.</summary>
    public void AcceptChanges()
    {
        _changedAnswers?.Clear();
        _removedAnswers?.Clear();
        AnswersCleared = false;
        IsChanged = false;
    }
}
