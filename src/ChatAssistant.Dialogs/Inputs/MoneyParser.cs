namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Parses rupiah amounts as owners type them in chat: "15.000.000", "Rp. 15.000.000,-", "15jt", "1,5 M", "500rb".
/// Spelled-out numbers ("lima belas juta") are refused so the dialog can ask again instead of guessing.
/// </summary>
internal static class MoneyParser
{
    private const int MaxUnitLength = 8;

    public static bool TryParse(ReadOnlySpan<char> text, out long rupiah)
    {
        rupiah = 0;
        text = StripCurrencyDecorations(text.Trim());

        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or ','))
        {
            end++;
        }

        if (!NumberParser.TryParseMagnitude(text[..end], out var amount, out _)
            || !TryGetMultiplier(text[end..].TrimStart(), out var multiplier))
        {
            return false;
        }

        decimal result;
        if (multiplier == 1)
        {
            // Without a unit a fraction would be a fraction of a rupiah: "1,5" is a typo, not an amount.
            if (amount != decimal.Truncate(amount))
            {
                return false;
            }

            result = amount;
        }
        else
        {
            // Checked before multiplying because decimal throws on overflow.
            if (amount > long.MaxValue / multiplier)
            {
                return false;
            }

            result = decimal.Round(amount * multiplier, MidpointRounding.AwayFromZero);
        }

        if (result > long.MaxValue)
        {
            return false;
        }

        rupiah = (long)result;
        return true;
    }

    // "Rp", "Rp.", "IDR" in front; ",-" (the accounting dash), "rupiah" or a full stop at the end.
    private static ReadOnlySpan<char> StripCurrencyDecorations(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("rp", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
            if (text.StartsWith('.'))
            {
                text = text[1..];
            }
        }
        else if (text.StartsWith("idr", StringComparison.OrdinalIgnoreCase))
        {
            text = text[3..];
        }

        text = text.TrimStart().TrimEnd('.').TrimEnd();
        if (text.EndsWith("rupiah", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^"rupiah".Length].TrimEnd();
        }

        if (text.EndsWith(",-", StringComparison.Ordinal) || text.EndsWith(".-", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return text;
    }

    private static bool TryGetMultiplier(ReadOnlySpan<char> unit, out decimal multiplier)
    {
        multiplier = 1;
        if (unit.IsEmpty)
        {
            return true;
        }

        if (unit.Length > MaxUnitLength)
        {
            return false;
        }

        Span<char> lower = stackalloc char[MaxUnitLength];
        lower = lower[..unit.ToLowerInvariant(lower)];
        multiplier = lower switch
        {
            "ribu" or "rb" or "k" => 1_000m,
            "juta" or "jt" => 1_000_000m,
            // Owners write "M" for miliar; nobody means "mega" or "million" here.
            "miliar" or "milyar" or "m" => 1_000_000_000m,
            "triliun" or "trilyun" or "t" => 1_000_000_000_000m,
            _ => 0m,
        };
        return multiplier != 0;
    }
}
