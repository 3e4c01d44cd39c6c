namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// An amount as the owner gave it: rupiah, whether it was approximate ("sekitar", "200 jutaan") and the period
/// it was given for ("15jt sebulan"). The parser never converts periods: the caller knows what the question asks
/// (a year's sales) and says the conversion back to the owner.
/// </summary>
internal readonly record struct MoneyReading(long Rupiah, bool Approximate, MoneyPeriod Period);

internal enum MoneyPeriod
{
    None,
    Day,
    Week,
    Month,
    Year,
}
