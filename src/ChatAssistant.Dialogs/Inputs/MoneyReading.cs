namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// An amount as the owner gave it: rupiah, whether it was approximate ("sekitar", "200 jutaan") and the period
/// it was given for ("15jt sebulan"). The parser never converts periods: the caller knows what the question asks
/// (a year's sales) and says the conversion back to the owner. <paramref name="Unsure"/>: a bare no ("tidak", "ga")
/// read as nothing at all, which may mean something else, so the caller says it back before storing it.
/// </summary>
internal readonly record struct MoneyReading(long Rupiah, bool Approximate, MoneyPeriod Period, bool Unsure = false);

internal enum MoneyPeriod
{
    None,
    Day,
    Week,
    Month,
    Year,
}
