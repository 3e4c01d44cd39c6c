namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Parses numbers the way Indonesian owners type them. Indonesian writes "1.234,5" but phones and spreadsheets
/// often produce "1,234.5", so the separator's role is inferred from its position rather than from a culture.
/// </summary>
internal static class NumberParser
{
    // decimal holds 28 significant digits exactly; anything longer is not a number anyone meant to type.
    private const int MaxDigits = 28;

    /// <summary>"12", "1.200", "1,200", "-3". Refuses anything with a decimal part.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        text = text.Trim();
        var negative = SkipSign(ref text);
        if (!TryParseMagnitude(text, out var magnitude, out var hasDecimalSeparator) || hasDecimalSeparator)
        {
            return false;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed < long.MinValue || signed > long.MaxValue)
        {
            return false;
        }

        value = (long)signed;
        return true;
    }

    /// <summary>"1,5", "1.5", "1.234,5", "-2,25".</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        text = text.Trim();
        var negative = SkipSign(ref text);
        if (!TryParseMagnitude(text, out var magnitude, out _))
        {
            return false;
        }

        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Parses an unsigned run of digits, '.' and ',' (nothing else, no whitespace). Shared with
    /// <see cref="MoneyParser"/> so both agree on what a separator means:
    /// both kinds present: the last one is the decimal separator; one kind more than once: grouping;
    /// one kind once: grouping if exactly 3 digits follow (Indonesian "15.000"), otherwise decimal ("1,5").
    /// Grouping must be well formed (first group 1-3 digits, then groups of exactly 3), so "1.50.000" is refused
    /// rather than guessed at.
    /// </summary>
    internal static bool TryParseMagnitude(ReadOnlySpan<char> text, out decimal value, out bool hasDecimalSeparator)
    {
        value = 0;
        hasDecimalSeparator = false;
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        int dots = 0, commas = 0, lastDot = -1, lastComma = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case >= '0' and <= '9':
                    break;
                case '.':
                    dots++;
                    lastDot = i;
                    break;
                case ',':
                    commas++;
                    lastComma = i;
                    break;
                default:
                    return false;
            }
        }

        var group = '\0';
        var decimalAt = -1;
        if (dots > 0 && commas > 0)
        {
            var dotIsDecimal = lastDot > lastComma;
            if ((dotIsDecimal ? dots : commas) != 1)
            {
                return false;
            }

            decimalAt = Math.Max(lastDot, lastComma);
            group = dotIsDecimal ? ',' : '.';
        }
        else if (dots + commas == 1)
        {
            var at = Math.Max(lastDot, lastComma);
            if (text.Length - at - 1 == 3)
            {
                group = text[at];
            }
            else
            {
                decimalAt = at;
            }
        }
        else if (dots + commas > 1)
        {
            group = dots > 0 ? '.' : ',';
        }

        // The decimal separator is the last separator and unique, so the fraction is digits only.
        var whole = decimalAt < 0 ? text : text[..decimalAt];
        var fraction = decimalAt < 0 ? [] : text[(decimalAt + 1)..];
        if (group != '\0' && !IsWellGrouped(whole, group))
        {
            return false;
        }

        decimal mantissa = 0;
        var digits = 0;
        if (!TryAppendDigits(whole, ref mantissa, ref digits) || !TryAppendDigits(fraction, ref mantissa, ref digits))
        {
            return false;
        }

        hasDecimalSeparator = decimalAt >= 0;
        value = WithScale(mantissa, fraction.Length);
        return true;
    }

    // Grouping separators are skipped; the caller has already checked where they may stand.
    private static bool TryAppendDigits(ReadOnlySpan<char> part, ref decimal mantissa, ref int digits)
    {
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            if (++digits > MaxDigits)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (c - '0');
        }

        return true;
    }

    private static bool SkipSign(ref ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty && text[0] is '-' or '+')
        {
            var negative = text[0] == '-';
            text = text[1..];
            return negative;
        }

        return false;
    }

    private static bool IsWellGrouped(ReadOnlySpan<char> whole, char separator)
    {
        var first = whole.IndexOf(separator);
        if (first < 0)
        {
            return true;
        }

        if (first > 3)
        {
            return false;
        }

        var rest = whole[first..];
        while (!rest.IsEmpty)
        {
            if (rest.Length < 4 || rest[0] != separator || rest[1..4].Contains(separator))
            {
                return false;
            }

            rest = rest[4..];
        }

        return true;
    }

    // Setting the scale directly is exact; dividing by a power of ten would also be, but this says what it means.
    private static decimal WithScale(decimal mantissa, int scale)
    {
        if (scale == 0)
        {
            return mantissa;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(mantissa, bits);
        return new decimal(bits[0], bits[1], bits[2], isNegative: false, (byte)scale);
    }
}
