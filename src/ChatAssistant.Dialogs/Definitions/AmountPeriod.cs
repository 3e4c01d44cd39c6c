namespace ChatAssistant.Dialogs.Definitions;

/// <summary>The period a money question asks about (<c>per:</c> in a dialog file); none when it has no period.</summary>
public enum AmountPeriod
{
    None,
    Month,
    Year,
}
