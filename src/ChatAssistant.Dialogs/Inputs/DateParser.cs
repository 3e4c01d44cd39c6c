namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Parses dates day-first as written in Indonesia ("31-12-2025", "31/12/2025", "31 Desember 2025", "31 des 2025"),
/// ISO "2025-12-31", and English month-first "December 31, 2025". Month names may be Indonesian or English,
/// full or abbreviated; "tgl", a weekday ("Rabu, 31 Desember 2025") and ordinals ("31st") are skipped.
/// Impossible dates (31-02-2025) are refused. Two-digit years are refused: the century would be a guess, and a
/// wrong birth or founding year is worse than asking again.
/// </summary>
internal static class DateParser
{
    private const int MaxTokens = 3;
    // Room for the words skipped around the three parts: "tgl", a weekday, an ordinal suffix, "of".
    private const int MaxRawTokens = 8;
    private const int MaxMonthNameLength = 10;

    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        Span<Range> raw = stackalloc Range[MaxRawTokens];
        if (!TryTokenize(text, raw, out var rawCount))
        {
            return false;
        }

        Span<Range> tokens = stackalloc Range[MaxTokens];
        var count = 0;
        for (var i = 0; i < rawCount; i++)
        {
            var token = text[raw[i]];
            var afterNumber = i > 0 && char.IsAsciiDigit(text[raw[i - 1]][0]);
            if (IsSkipped(token, afterNumber))
            {
                continue;
            }

            if (count == MaxTokens)
            {
                return false;
            }

            tokens[count++] = raw[i];
        }

        if (count != MaxTokens)
        {
            return false;
        }

        var first = text[tokens[0]];
        var second = text[tokens[1]];
        var third = text[tokens[2]];
        if (!IsNumber(third, 1, 4) || (!IsNumber(first, 1, 4) && !char.IsAsciiLetter(first[0])))
        {
            return false;
        }

        int year, month, day;
        if (char.IsAsciiLetter(first[0]))
        {
            // English month-first: "December 31, 2025".
            if (!IsNumber(second, 1, 2) || third.Length != 4 || !TryMonthFromName(first, out month))
            {
                return false;
            }

            (day, year) = (ToInt(second), ToInt(third));
        }
        else if (IsNumber(second, 1, 2))
        {
            if (first.Length == 4)
            {
                (year, month, day) = (ToInt(first), ToInt(second), ToInt(third));
                if (third.Length > 2)
                {
                    return false;
                }
            }
            else
            {
                (day, month, year) = (ToInt(first), ToInt(second), ToInt(third));
                if (first.Length > 2 || third.Length != 4)
                {
                    return false;
                }
            }
        }
        else if (first.Length <= 2 && third.Length == 4 && TryMonthFromName(second, out month))
        {
            (day, year) = (ToInt(first), ToInt(third));
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    // Tokens are runs of digits or of letters; whitespace, '-', '/', '.' and ',' separate them, and a switch
    // between digits and letters does too, so "31Des2025" and "Des. 2025" both work.
    private static bool TryTokenize(ReadOnlySpan<char> text, Span<Range> tokens, out int count)
    {
        count = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var isDigit = char.IsAsciiDigit(c);
            var isLetter = char.IsAsciiLetter(c);
            if (!isDigit && !isLetter && c is not ('-' or '/' or '.' or ',') && !char.IsWhiteSpace(c))
            {
                return false;
            }

            var continuesToken = start >= 0
                && (isDigit ? char.IsAsciiDigit(text[start]) : isLetter && char.IsAsciiLetter(text[start]));
            if (start >= 0 && !continuesToken)
            {
                if (count == tokens.Length)
                {
                    return false;
                }

                tokens[count++] = start..i;
                start = -1;
            }

            if (start < 0 && (isDigit || isLetter))
            {
                start = i;
            }
        }

        return true;
    }

    // "tgl 31 Des 2025", "Rabu, 31 Desember 2025", "December 31st, 2025", "the 1st of January 2024".
    private static bool IsSkipped(ReadOnlySpan<char> token, bool afterNumber)
    {
        if (token.Length > MaxMonthNameLength || !char.IsAsciiLetter(token[0]))
        {
            return false;
        }

        Span<char> lower = stackalloc char[MaxMonthNameLength];
        lower = lower[..token.ToLowerInvariant(lower)];
        return lower switch
        {
            "st" or "nd" or "rd" or "th" => afterNumber,
            "tgl" or "tanggal" or "tg" or "of" or "the" or "on" => true,
            "senin" or "selasa" or "rabu" or "kamis" or "jumat" or "sabtu" or "minggu" or "ahad" => true,
            "monday" or "tuesday" or "wednesday" or "thursday" or "friday" or "saturday" or "sunday" => true,
            _ => false,
        };
    }

    private static bool TryMonthFromName(ReadOnlySpan<char> name, out int month)
    {
        month = 0;
        if (name.Length > MaxMonthNameLength)
        {
            return false;
        }

        Span<char> lower = stackalloc char[MaxMonthNameLength];
        lower = lower[..name.ToLowerInvariant(lower)];
        month = lower switch
        {
            "januari" or "january" or "jan" => 1,
            "februari" or "pebruari" or "february" or "feb" or "peb" => 2,
            "maret" or "march" or "mar" => 3,
            "april" or "apr" => 4,
            "mei" or "may" => 5,
            "juni" or "june" or "jun" => 6,
            "juli" or "july" or "jul" => 7,
            "agustus" or "august" or "agu" or "agt" or "ags" or "aug" => 8,
            "september" or "sep" or "sept" => 9,
            "oktober" or "october" or "okt" or "oct" => 10,
            "november" or "nopember" or "nov" or "nop" => 11,
            "desember" or "december" or "des" or "dec" => 12,
            _ => 0,
        };
        return month != 0;
    }

    private static bool IsNumber(ReadOnlySpan<char> token, int minLength, int maxLength) =>
        token.Length >= minLength && token.Length <= maxLength && char.IsAsciiDigit(token[0]);

    // Tokens are homogeneous runs, so a token starting with a digit is all digits.
    private static int ToInt(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
