namespace ChatAssistant.Dialogs.Definitions;

/// <summary>
/// Who may start a dialog (top-level <c>audience:</c>). Operator dialogs are hidden from everyone else: not in
/// the menu, and their commands answer like unknown commands.
/// </summary>
public enum DialogAudience
{
    Owners,
    Operators,
}
