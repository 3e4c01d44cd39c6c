namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Normalises Indonesian mobile numbers to E.164 ("+62812..."), the form WhatsApp and SMS gateways expect.
/// Only mobiles (national number starting with 8) are accepted: the assistant follows up by WhatsApp.
/// </summary>
internal static class PhoneParser
{
    private const string CountryCode = "62";
    private const int MinNational = 9;
    private const int MaxNational = 12;
    // Room for "0062" style prefixes and a few extra digits before we know the input is too long.
    private const int MaxDigits = 16;

    public static bool TryParse(ReadOnlySpan<char> text, out string e164)
    {
        e164 = string.Empty;
        text = text.Trim();
        var international = text.StartsWith('+');
        if (international)
        {
            text = text[1..];
        }

        Span<char> buffer = stackalloc char[MaxDigits];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == buffer.Length)
                {
                    return false;
                }

                buffer[count++] = c;
            }
            else if (c is not ('-' or '.' or '(' or ')') && !char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        ReadOnlySpan<char> national = buffer[..count];
        if (national.StartsWith(CountryCode))
        {
            national = national[CountryCode.Length..];
            // "+62 0812..." keeps the trunk 0 by mistake; it is unambiguous, so drop it.
            if (national.StartsWith("08"))
            {
                national = national[1..];
            }
        }
        else if (international)
        {
            return false;
        }
        else if (national.StartsWith('0'))
        {
            national = national[1..];
        }

        if (national.Length is < MinNational or > MaxNational || national[0] != '8')
        {
            return false;
        }

        e164 = string.Concat("+" + CountryCode, national);
        return true;
    }

    /// <summary>"0812-3456-7890": an E.164 Indonesian mobile as owners write their own number, for showing it to its owner.</summary>
    public static string Local(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var national = "0" + e164.AsSpan(1 + CountryCode.Length).ToString();
        var groups = new System.Text.StringBuilder(national.Length + 3);
        for (var i = 0; i < national.Length; i += 4)
        {
            if (i > 0)
            {
                groups.Append('-');
            }

            groups.Append(national.AsSpan(i, Math.Min(4, national.Length - i)));
        }

        return groups.ToString();
    }

    /// <summary>"+62812****7890": the operator prefix and last digits, enough to tell numbers apart in logs.</summary>
    public static string Mask(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        const int Head = 6;
        const int Tail = 4;
        if (e164.Length <= Head + Tail)
        {
            return new string('*', e164.Length);
        }

        return string.Create(e164.Length, e164, static (span, source) =>
        {
            source.AsSpan(0, Head).CopyTo(span);
            span[Head..^Tail].Fill('*');
            source.AsSpan(source.Length - Tail).CopyTo(span[^Tail..]);
        });
    }
}
