namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// An owner has at most one <see cref="Active"/> conversation; starting another dialog pauses it, and the
/// paused one resumes where it stopped when its dialog is chosen again.
/// </summary>
public enum ConversationStatus
{
    Active,
    Paused,
    Completed,
    Cancelled,
}
