namespace ChatAssistant.Dialogs.Definitions;

/// <summary>What an ask step accepts. Each kind has its own parser and a default re-prompt.</summary>
public enum InputKind
{
    Text,
    Integer,
    Number,
    Money,
    YesNo,
    Choice,
    Nik,
    Phone,
    Date,
    Province,
}
