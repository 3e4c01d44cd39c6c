using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Channels.Telegram;

/// <summary>Checks the Telegram settings at start, with a message that says which setting and what to do.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var problems = new List<string>();
        if (options.BotToken is { } token && !TokenShape().IsMatch(token))
        {
            problems.Add("Telegram:BotToken does not look like a bot token (digits, a colon, then about 35 letters, digits, '-' or '_'). Copy it again from BotFather.");
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback))
            {
                problems.Add("Telegram:WebhookUrl must be the public https:// address Telegram posts updates to (Mode is Webhook).");
            }

            if (options.WebhookSecret is null || !SecretShape().IsMatch(options.WebhookSecret))
            {
                problems.Add("Telegram:WebhookSecret is required in webhook mode: 1 to 256 letters, digits, '_' or '-'.");
            }

            if (!Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out _))
            {
                problems.Add("Telegram:ListenUrl must be an address to listen on, like http://0.0.0.0:8080.");
            }
        }

        if (options.ApiBaseUrl is { Length: > 0 } api && !Uri.TryCreate(api, UriKind.Absolute, out _))
        {
            problems.Add("Telegram:ApiBaseUrl must be an absolute URL, or empty for Telegram's own servers.");
        }

        if (options.PollTimeout < TimeSpan.Zero || options.PollTimeout > TimeSpan.FromSeconds(50))
        {
            problems.Add("Telegram:PollTimeout must be between 00:00:00 and 00:00:50.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex(@"^\d{5,15}:[A-Za-z0-9_-]{30,50}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();
}
