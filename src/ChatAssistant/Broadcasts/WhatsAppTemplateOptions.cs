using ChatAssistant.Outbox;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// The message templates this deployment's WhatsApp Business Account has had approved (<c>WhatsApp:Templates</c>,
/// e.g. <c>WhatsApp__Templates__0__Name=info_program</c>, <c>__Language=id</c>, <c>__Parameters=1</c>,
/// <c>__Category=marketing</c>). Announcements reach WhatsApp owners outside the 24-hour window only as one of these;
/// a broadcast names one (<c>broadcast create --whatsapp-template</c>) and is refused for a template not listed here.
/// Here, not under Channels, because broadcasts read it and a feature never depends on a channel.
/// </summary>
internal sealed class WhatsAppTemplateOptions
{
    /// <summary>Bound from the WhatsApp section: the list is its <c>Templates</c> key; the channel's own settings are ignored here.</summary>
    public const string Section = "WhatsApp";

    public IList<ApprovedTemplate> Templates { get; } = [];

    /// <summary>The approved templates named <paramref name="name"/> (one per approved language).</summary>
    public IReadOnlyList<ApprovedTemplate> Named(string name) =>
        [.. Templates.Where(t => string.Equals(t.Name, name, StringComparison.Ordinal))];

    /// <summary>
    /// Why a broadcast may not use this template with this language and these parameters (a line for the operator),
    /// or null when it may.
    /// </summary>
    public string? Problem(string name, string? language, IReadOnlyList<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Templates.Count == 0)
        {
            return "no WhatsApp templates are configured: list the ones approved in WhatsApp Manager under WhatsApp:Templates "
                + "(Name, Language, Parameters, Category), e.g. WhatsApp__Templates__0__Name=info_program.";
        }

        var named = Named(name);
        if (named.Count == 0)
        {
            var names = Templates.Select(t => t.Name!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return $"--whatsapp-template \"{name}\" is not an approved template{Shared.Closest.Hint(Shared.Closest.To(name, names), english: true)}; "
                + $"the approved ones (WhatsApp:Templates) are: {string.Join(", ", Templates.Select(t => $"{t.Name} ({t.Language})"))}.";
        }

        var languages = string.Join(" or ", named.Select(t => t.Language));
        if (language is null)
        {
            return $"--template-language is required with --whatsapp-template: {name} is approved in {languages}.";
        }

        if (named.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.Ordinal)) is not { } template)
        {
            return $"template {name} is approved in {languages}, not \"{language}\": use --template-language {named[0].Language}.";
        }

        if (template.Parameters != parameters.Count)
        {
            return $"template {name} ({language}) takes {Shared.Counted.Of(template.Parameters, "parameter")} (--template-param, once each, in order); {parameters.Count} given.";
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            // Meta refuses a body parameter with a line break, a tab or more than four spaces in a row.
            if (parameters[i].Length == 0 || parameters[i].IndexOfAny(['\n', '\r', '\t']) >= 0 || parameters[i].Contains("     ", StringComparison.Ordinal))
            {
                return $"--template-param {i + 1} must be one line of text without tabs or more than four spaces in a row (WhatsApp refuses those).";
            }
        }

        return null;
    }

    /// <summary>The template as a broadcast stores it; call only when <see cref="Problem"/> is null.</summary>
    public static OutboxTemplate Stored(string name, string language, IReadOnlyList<string> parameters) => new(name, language, [.. parameters]);
}

/// <summary>One approved template: its name and language as in WhatsApp Manager, how many body parameters it has, its category.</summary>
internal sealed class ApprovedTemplate
{
    /// <summary>Announcements are marketing; a reminder of something the owner asked for is utility. Authentication templates are not for announcements.</summary>
    public static readonly IReadOnlyList<string> Categories = ["marketing", "utility"];

    public string? Name { get; set; }

    /// <summary>The language code it was approved in, e.g. <c>id</c> or <c>en_US</c>.</summary>
    public string? Language { get; set; }

    /// <summary>How many body parameters (<c>{{1}}</c>, <c>{{2}}</c>, ...) the approved text has.</summary>
    public int Parameters { get; set; }

    /// <summary><c>marketing</c> or <c>utility</c>.</summary>
    public string? Category { get; set; }
}
