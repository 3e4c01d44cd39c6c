using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Shared;

/// <summary>Checks the operators' ids at start, one line per id that cannot be one.</summary>
internal sealed partial class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.TelegramUserIds.Any(id => id <= 0))
        {
            problems.Add("Operators:TelegramUserIds must be Telegram user ids (positive numbers).");
        }

        for (var i = 0; i < options.WhatsAppIds.Count; i++)
        {
            var id = options.WhatsAppIds[i];
            if (!IsWhatsAppId(id))
            {
                problems.Add($"Operators:WhatsAppIds:{i} is not a WhatsApp id: write a phone number as digits with the country code "
                    + "(6281234567890, no + or leading 0) or a business-scoped user id as WhatsApp gives it (ID.13491208655302741918).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// A phone number as WhatsApp's wa_id writes it (country code and number, 8 to 15 digits, E.164 without the +), or a
    /// BSUID: a two-letter country code, a period, up to 128 letters and digits (a parent BSUID has <c>ENT.</c> between).
    /// </summary>
    public static bool IsWhatsAppId(string? id) =>
        id is not null && (PhoneId().IsMatch(id) || BusinessScopedId().IsMatch(id));

    [GeneratedRegex("^[1-9][0-9]{7,14}$")]
    private static partial Regex PhoneId();

    [GeneratedRegex("^[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}$")]
    private static partial Regex BusinessScopedId();
}
