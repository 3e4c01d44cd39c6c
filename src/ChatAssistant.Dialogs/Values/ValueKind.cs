namespace ChatAssistant.Dialogs.Values;

/// <summary>What an answer holds. Money and Number compare with each other; the rest only with their own kind.</summary>
public enum ValueKind : byte
{
    None = 0,
    Text,
    Number,
    Money,
    Bool,
    Date,

    /// <summary>An ordered list of label keys (an action plan), kept in <see cref="DialogValue.Text"/> separated by spaces.</summary>
    List,
}
