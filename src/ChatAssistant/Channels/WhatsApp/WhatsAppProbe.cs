using System.Net.Http.Headers;
using ChatAssistant.Health;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// The health probe for WhatsApp: <c>GET {ApiBaseUrl}/{PhoneNumberId}</c> with the bearer token, which Meta answers
/// with the number's details (name, display number, quality rating). It checks the token, the number id and the
/// Graph API, and sends nothing to anyone.
/// </summary>
internal sealed class WhatsAppProbe(HttpClient http, WhatsAppSendSettings settings) : IChannelProbe
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", settings.AccessToken);

    public string Channel => WhatsAppSender.Channel;

    /// <summary>Where the probe asks: the phone number's own node.</summary>
    public Uri NumberUri { get; } = new($"{settings.ApiBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(settings.PhoneNumberId)}", UriKind.Absolute);

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, NumberUri);
        request.Headers.Authorization = _authorization;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode(); // a refusal is logged by the recorder; the answered call is noted by the client's handler
    }
}
