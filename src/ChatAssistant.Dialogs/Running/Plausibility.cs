using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// Whether an answer is so far from what its question expects that it is said back before it is stored (a
/// micro owner's sales of Rp480 billion, 5,000 workers, a date 40 years ago): a typo costs the owner one tap,
/// while a wrong value stored silently decides their eligibility. The dialog's <c>confirm_above</c> and
/// <c>confirm_below</c> set the bounds; without them each kind has the defaults below. Zero is never asked
/// about: it is how questions ask for "none".
/// </summary>
public static class Plausibility
{
    /// <summary>Money above Rp100 billion: more than any UMKM's sales (medium ends at Rp50 billion, PP No. 7/2021).</summary>
    public const decimal MoneyAbove = 100_000_000_000m;

    /// <summary>Money under Rp1,000 (other than 0): "15" meant as 15 juta, or a button number.</summary>
    public const decimal MoneyBelow = 1_000m;

    /// <summary>Counts above 1,000 (workers, outlets, products a month...).</summary>
    public const decimal IntegerAbove = 1_000m;

    /// <summary>Dates more than 30 years before today.</summary>
    public const decimal DateYearsBelow = -30m;

    /// <summary>Dates more than 5 years after today.</summary>
    public const decimal DateYearsAbove = 5m;

    /// <summary>The bounds in force for an input: its own, or its kind's defaults; null where there is none.</summary>
    public static (decimal? Below, decimal? Above) Bounds(InputSpec input) => input.Kind switch
    {
        InputKind.Money => (input.ConfirmBelow ?? MoneyBelow, input.ConfirmAbove ?? MoneyAbove),
        InputKind.Integer => (input.ConfirmBelow, input.ConfirmAbove ?? IntegerAbove),
        InputKind.Number => (input.ConfirmBelow, input.ConfirmAbove),
        InputKind.Date => (input.ConfirmBelow ?? DateYearsBelow, input.ConfirmAbove ?? DateYearsAbove),
        _ => (null, null),
    };

    /// <summary>True when the value is outside the bounds and must be confirmed first.</summary>
    public static bool NeedsConfirmation(InputSpec input, in DialogValue value, DateOnly today)
    {
        var (below, above) = Bounds(input);
        if (below is null && above is null)
        {
            return false;
        }

        if (value.Kind == ValueKind.Date)
        {
            return (below is { } earliest && value.AsDate < AddYears(today, earliest))
                || (above is { } latest && value.AsDate > AddYears(today, latest));
        }

        if (!value.IsNumeric || value.Number == 0)
        {
            return false;
        }

        return (below is { } low && value.Number < low) || (above is { } high && value.Number > high);
    }

    private static DateOnly AddYears(DateOnly today, decimal years)
    {
        var whole = (int)Math.Clamp(decimal.Truncate(years), -1000, 1000);
        return today.AddYears(Math.Clamp(whole, 1 - today.Year, 9999 - today.Year));
    }
}
