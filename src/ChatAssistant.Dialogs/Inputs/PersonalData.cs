using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// Masks identity numbers and phone numbers for display and logs (UU PDP): the host sees stored values, not
/// which input kind produced them, so a value is masked by its key or by its shape, whichever says "personal".
/// </summary>
public static class PersonalData
{
    /// <summary>A value as it may be shown to the owner: a NIK or phone masked, anything else as displayed.</summary>
    public static string Display(string key, DialogValue value, string language)
    {
        ArgumentNullException.ThrowIfNull(key);
        return value.Kind == ValueKind.Text && value.Text is { } text && IsPersonal(key, text) ? Mask(text) : value.Display(language);
    }

    /// <summary>"3171********0001" for a NIK, "+62812****7890" for a phone, stars for any other digits string.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith('+') ? PhoneParser.Mask(value) : NikParser.Mask(value);
    }

    private static bool IsPersonal(string key, string text) =>
        key.Contains("nik", StringComparison.OrdinalIgnoreCase)
        || key.Contains("phone", StringComparison.OrdinalIgnoreCase)
        || LooksLikeNumber(text);

    // A NIK (16 digits) or a stored phone (+62...): a number this long is an identifier, never a business fact.
    private static bool LooksLikeNumber(string text)
    {
        var digits = text.StartsWith('+') ? text.AsSpan(1) : text.AsSpan();
        return digits.Length >= 9 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
