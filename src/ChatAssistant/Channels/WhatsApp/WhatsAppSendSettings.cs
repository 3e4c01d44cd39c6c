namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// What the sender needs of the WhatsApp settings: where the Cloud API is (<c>https://graph.facebook.com/v25.0</c>, or a
/// test server), the business phone number's id, and the access token. Kept apart from the channel's options so the
/// sender can be built and tested on its own.
/// </summary>
internal sealed record WhatsAppSendSettings(string ApiBaseUrl, string PhoneNumberId, string AccessToken)
{
    /// <summary>Where messages are posted: <c>{ApiBaseUrl}/{PhoneNumberId}/messages</c>.</summary>
    public Uri MessagesUri => new($"{ApiBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(PhoneNumberId)}/messages", UriKind.Absolute);
}
