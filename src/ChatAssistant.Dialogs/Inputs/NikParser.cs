namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Checks a NIK (national identity number) for plausibility: 16 digits, province (2), regency (2), district (2),
/// birth date DDMMYY with 40 added to the day for women, serial (4) from 0001. There is no checksum, so this
/// catches typos and invented numbers, not every wrong one.
/// </summary>
internal static class NikParser
{
    private const int Length = 16;
    private const int WomenDayOffset = 40;

    public static bool TryParse(ReadOnlySpan<char> text, out string nik, out NikProblem problem)
    {
        nik = string.Empty;
        Span<char> digits = stackalloc char[Length];
        if (!TryCollectDigits(text.Trim(), digits))
        {
            problem = NikProblem.NotSixteenDigits;
            return false;
        }

        problem = Check(digits);
        if (problem != NikProblem.None)
        {
            return false;
        }

        nik = new string(digits);
        return true;
    }

    /// <summary>"3171********0001": enough to recognise a record in a log without storing the identity number.</summary>
    public static string Mask(string nik)
    {
        ArgumentNullException.ThrowIfNull(nik);
        const int Visible = 4;
        if (nik.Length <= 2 * Visible)
        {
            return new string('*', nik.Length);
        }

        return string.Create(nik.Length, nik, static (span, source) =>
        {
            source.AsSpan(0, Visible).CopyTo(span);
            span[Visible..^Visible].Fill('*');
            source.AsSpan(source.Length - Visible).CopyTo(span[^Visible..]);
        });
    }

    // Owners copy the number off the card with spaces, dots or dashes between groups; nothing else is allowed.
    private static bool TryCollectDigits(ReadOnlySpan<char> text, Span<char> digits)
    {
        var count = 0;
        var previousWasDigit = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = c;
                previousWasDigit = true;
            }
            else if ((c is '.' or '-' || char.IsWhiteSpace(c)) && count > 0)
            {
                previousWasDigit = false;
            }
            else
            {
                return false;
            }
        }

        return count == digits.Length && previousWasDigit;
    }

    private static NikProblem Check(ReadOnlySpan<char> digits)
    {
        if (!IsKnownProvince(TwoDigits(digits, 0)))
        {
            return NikProblem.UnknownProvince;
        }

        var day = TwoDigits(digits, 6);
        var month = TwoDigits(digits, 8);
        if (day > WomenDayOffset)
        {
            day -= WomenDayOffset;
        }

        // The year has two digits and so no century; 2000 is a leap year, which lets 29 February through.
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            return NikProblem.ImplausibleBirthDate;
        }

        return digits[12..] is "0000" ? NikProblem.ZeroSerial : NikProblem.None;
    }

    // Dukcapil (Kemendagri) codes, which is what a NIK carries. They match the BPS codes in Provinces except in
    // Papua, where the 2022 split gave the new provinces 93-96 and BPS uses 91, 92, 94-97; 91-97 covers both.
    private static bool IsKnownProvince(int code) =>
        code is (>= 11 and <= 19) or 21 or (>= 31 and <= 36) or (>= 51 and <= 53) or (>= 61 and <= 65)
            or (>= 71 and <= 76) or 81 or 82 or (>= 91 and <= 97);

    private static int TwoDigits(ReadOnlySpan<char> digits, int at) => ((digits[at] - '0') * 10) + (digits[at + 1] - '0');
}
