using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

/// <summary>Checks the console's settings at start, one line per problem; nothing is checked while it is off.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var publicUrl) || (publicUrl.Scheme != Uri.UriSchemeHttps && !publicUrl.IsLoopback))
        {
            // The session cookie is Secure: a browser keeps it only over HTTPS (or on this machine, for trying it out).
            problems.Add("Console:PublicUrl must be the https:// address operators open the console at (e.g. https://console.example.org), "
                + "or http://localhost:8080 to try it on this machine.");
        }
        else if (publicUrl.AbsolutePath.TrimEnd('/').Length > 0 || publicUrl.Query.Length > 0)
        {
            problems.Add("Console:PublicUrl must be the site's address without a path (the console is at /console under it).");
        }

        if (!Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            problems.Add("Console:ListenUrl must be an address to listen on, like http://0.0.0.0:8080.");
        }

        if (options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > TimeSpan.FromHours(1))
        {
            problems.Add("Console:LinkLifetime must be more than zero and at most 01:00:00.");
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(7))
        {
            problems.Add("Console:SessionLifetime must be between 00:05:00 and 7.00:00:00.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
