namespace ChatAssistant.Dialogs.Conditions;

public enum ComparisonOperator
{
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}
