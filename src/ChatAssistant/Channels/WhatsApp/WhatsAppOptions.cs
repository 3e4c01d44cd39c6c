namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// Configuration section <c>WhatsApp</c> (env <c>WhatsApp__…</c>), the Cloud API. The channel is enabled when
/// <see cref="AccessToken"/> is set.
/// </summary>
internal sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>Meta's Graph API, with the version pinned so a new default version never changes payloads under us.</summary>
    public const string GraphApi = "https://graph.facebook.com/v25.0";

    /// <summary>The system user's permanent token (Bearer) for sending.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The business phone number's id (not the number itself); sends go to <c>{ApiBaseUrl}/{PhoneNumberId}/messages</c>.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The app secret that signs every webhook (<c>X-Hub-Signature-256</c>).</summary>
    public string? AppSecret { get; set; }

    /// <summary>The token typed into the webhook settings in Meta's console; Meta sends it back on verification.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Where the Graph API is, with its version; a test server in tests.</summary>
    public string ApiBaseUrl { get; set; } = GraphApi;

    /// <summary>Sends per second for the number: 80 is the default cap and it counts inbound messages too.</summary>
    public int MaxMessagesPerSecond { get; set; } = 70;

    /// <summary>Where the webhook endpoint listens, behind the public address's proxy.</summary>
    public string ListenUrl { get; set; } = "http://0.0.0.0:8080";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(AccessToken);
}
