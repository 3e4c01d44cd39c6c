using Microsoft.Extensions.Options;

namespace ChatAssistant.Broadcasts;

/// <summary>Checks the approved templates at start, each problem in one line that names the entry and what to write.</summary>
internal sealed class WhatsAppTemplateOptionsValidator : IValidateOptions<WhatsAppTemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < options.Templates.Count; i++)
        {
            var template = options.Templates[i];
            var at = $"WhatsApp:Templates:{i}";
            if (string.IsNullOrWhiteSpace(template.Name) || !template.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') || template.Name.Length > 512)
            {
                problems.Add($"{at}:Name must be the template's name as approved in WhatsApp Manager: lowercase letters, digits and _ (\"{template.Name}\" is not).");
            }

            if (string.IsNullOrWhiteSpace(template.Language) || !IsLanguageCode(template.Language))
            {
                problems.Add($"{at}:Language must be the code the template was approved in, like id, en or en_US (\"{template.Language}\" is not).");
            }

            if (template.Parameters is < 0 or > 100)
            {
                problems.Add($"{at}:Parameters must be how many {{{{n}}}} parameters its body has, from 0 (\"{template.Parameters}\" is not).");
            }

            if (template.Category is null || !ApprovedTemplate.Categories.Contains(template.Category.ToLowerInvariant()))
            {
                problems.Add($"{at}:Category must be marketing or utility, as approved (\"{template.Category}\" is not; authentication templates are not for announcements).");
            }

            if (template.Name is not null && template.Language is not null && !seen.Add((template.Name, template.Language)))
            {
                problems.Add($"{at} lists {template.Name} ({template.Language}) a second time; list each template once per language.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // Meta's codes: a two- or three-letter language, optionally _ and a region (en_US, pt_BR, zh_CN).
    private static bool IsLanguageCode(string code)
    {
        var parts = code.Split('_');
        return parts.Length <= 2
            && parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetterLower)
            && (parts.Length == 1 || (parts[1].Length is 2 or 3 or 4 && parts[1].All(char.IsAsciiLetterOrDigit)));
    }
}
