using System.Globalization;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Testing;

/// <summary>
/// Reads the values test files write, and writes stored values back the same way. An expected answer is read
/// as the kind of the value actually stored, so "15 juta" and 15000000 both match Rp15.000.000, and "yes"
/// matches a yes/no answer whatever language the case runs in.
/// </summary>
internal static class WrittenValues
{
    /// <summary>A profile preset, read as the owner would type it at the question that saves it (phone to +62..., province to its name).</summary>
    public static bool TryRead(string text, bool quoted, InputKind? input, out DialogValue value)
    {
        value = DialogValue.None;
        switch (input)
        {
            case null:
                value = quoted ? DialogValue.FromText(text) : Guess(text);
                return true;
            case InputKind.Integer or InputKind.Number:
                if (!TryNumber(text, out var number))
                {
                    return false;
                }

                value = DialogValue.FromNumber(number);
                return true;
            case InputKind.Money:
                if (!TryNumber(text, out var amount) || !decimal.IsInteger(amount))
                {
                    return false;
                }

                value = DialogValue.FromMoney((long)amount);
                return true;
            case InputKind.YesNo:
                if (!TryBool(text, out var yes))
                {
                    return false;
                }

                value = DialogValue.FromBool(yes);
                return true;
            case InputKind.Date:
                if (!TryDate(text, out var date))
                {
                    return false;
                }

                value = DialogValue.FromDate(date);
                return true;
            case InputKind.Nik or InputKind.Phone or InputKind.Province:
                return InputReader.TryReadOfficial(input.Value, text, out value);
            default:
                value = DialogValue.FromText(text);
                return true;
        }
    }

    /// <summary>Whether the stored value is the one written; null written means "not set".</summary>
    public static bool Matches(in DialogValue actual, string? expected)
    {
        if (expected is null || !actual.IsSet)
        {
            return expected is null && !actual.IsSet;
        }

        return actual.Kind switch
        {
            // A list (an action plan) is written as its keys separated by spaces: 'do_nib do_halal'.
            ValueKind.Text or ValueKind.List => string.Equals(actual.Text, expected, StringComparison.Ordinal),
            ValueKind.Number or ValueKind.Money => TryNumber(expected, out var number) && number == actual.Number,
            ValueKind.Bool => TryBool(expected, out var yes) && yes == actual.AsBool,
            ValueKind.Date => TryDate(expected, out var date) && date == actual.AsDate,
            _ => false,
        };
    }

    /// <summary>The value as a test file would write it: <c>micro</c>, <c>15000000</c>, <c>yes</c>, <c>2025-12-31</c>, <c>~</c>.</summary>
    public static string Write(in DialogValue value) => value.Kind switch
    {
        ValueKind.None => "~ (not set)",
        ValueKind.Text or ValueKind.List => value.Text ?? string.Empty,
        ValueKind.Number => value.Number.ToString("0.############################", CultureInfo.InvariantCulture),
        ValueKind.Money => value.Number.ToString("0", CultureInfo.InvariantCulture) + " (" + value.Display(Languages.Indonesian) + ")",
        ValueKind.Bool => value.AsBool ? "yes" : "no",
        ValueKind.Date => value.AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.Serialize(),
    };

    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Number => "a number",
        ValueKind.Money => "money",
        ValueKind.Bool => "yes/no",
        ValueKind.Date => "a date",
        ValueKind.List => "a list",
        _ => "text",
    };

    public static string InputName(InputKind input) => input switch
    {
        InputKind.YesNo => "yes/no",
        InputKind.Nik => "NIK",
        _ => input.ToString().ToLowerInvariant(),
    };

    /// <summary>A profile key no loaded dialog asks for: read the way a dialog file reads a condition's value.</summary>
    private static DialogValue Guess(string text)
    {
        if (text.ToLowerInvariant() is "yes" or "ya" or "true")
        {
            return DialogValue.FromBool(true);
        }

        if (text.ToLowerInvariant() is "no" or "tidak" or "false")
        {
            return DialogValue.FromBool(false);
        }

        if (decimal.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return DialogValue.FromNumber(number);
        }

        if (MoneyParser.TryParse(text, out var rupiah))
        {
            return DialogValue.FromMoney(rupiah);
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DialogValue.FromDate(date)
            : DialogValue.FromText(text);
    }

    // Plain digits first ("1.5" in a test file is one and a half); then the forms owners type ("15 juta", "15.000.000").
    private static bool TryNumber(string text, out decimal number)
    {
        if (decimal.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        if (MoneyParser.TryParse(text, out var rupiah))
        {
            number = rupiah;
            return true;
        }

        return NumberParser.TryParseDecimal(text, out number);
    }

    private static bool TryBool(string text, out bool yes)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
                yes = true;
                return true;
            case "false":
                yes = false;
                return true;
            default:
                return YesNoParser.TryParse(text, out yes);
        }
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateParser.TryParse(text, out date);
}
