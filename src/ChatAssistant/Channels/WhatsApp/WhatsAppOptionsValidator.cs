using Microsoft.Extensions.Options;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>Checks the WhatsApp settings at start, each problem in one line that names the setting and what to do.</summary>
internal sealed class WhatsAppOptionsValidator : IValidateOptions<WhatsAppOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatsAppOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PhoneNumberId) || !options.PhoneNumberId.All(char.IsAsciiDigit))
        {
            problems.Add("WhatsApp:PhoneNumberId is required (WhatsApp:AccessToken is set): the digits of the phone number id in Meta's console (WhatsApp > API Setup), not the phone number.");
        }

        if (string.IsNullOrWhiteSpace(options.AppSecret))
        {
            problems.Add("WhatsApp:AppSecret is required (WhatsApp:AccessToken is set): the app secret from Meta's console (App settings > Basic); webhooks are checked against it.");
        }

        if (string.IsNullOrWhiteSpace(options.VerifyToken))
        {
            problems.Add("WhatsApp:VerifyToken is required (WhatsApp:AccessToken is set): the same text as the verify token in the webhook settings in Meta's console.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && !api.IsLoopback))
        {
            problems.Add($"WhatsApp:ApiBaseUrl must be an https:// address with the version, like {WhatsAppOptions.GraphApi}.");
        }

        if (options.MaxMessagesPerSecond is < 1 or > 1000)
        {
            problems.Add("WhatsApp:MaxMessagesPerSecond must be between 1 and 1000 (70 leaves room for inbound messages under the default 80 per second).");
        }

        if (!Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out var listen) || (listen.Scheme != Uri.UriSchemeHttp && listen.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("WhatsApp:ListenUrl must be an address to listen on, like http://0.0.0.0:8080.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
