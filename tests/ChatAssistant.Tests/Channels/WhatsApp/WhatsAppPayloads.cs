using System.Globalization;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// Webhook bodies in the shapes of Meta's "messages" webhook reference: one message from an owner with a
/// business-scoped user id (BSUID) and a phone number, with the message's own part given as JSON.
/// </summary>
internal static class WhatsAppPayloads
{
    public const string PhoneNumberId = "106540352242922";
    public const string WaId = "6281234567890";
    public const string UserId = "ID.13491208655302741918";

    /// <summary>A messages webhook carrying one message of <paramref name="type"/> with <paramref name="content"/> (e.g. <c>"text":{"body":"hi"}</c>).</summary>
    public static string Message(string id, string type, string content, string? waId = WaId, string? userId = UserId, string phoneNumberId = PhoneNumberId)
    {
        var contactIds = string.Concat(new[]
        {
            waId is null ? null : $"\"wa_id\":\"{waId}\"",
            userId is null ? null : $"\"user_id\":\"{userId}\"",
        }.Where(p => p is not null).Select(p => ", " + p));
        var from = string.Concat(new[]
        {
            waId is null ? null : $"\"from\":\"{waId}\"",
            userId is null ? null : $"\"from_user_id\":\"{userId}\"",
        }.Where(p => p is not null).Select(p => p + ","));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "object": "whatsapp_business_account",
              "entry": [{
                "id": "102290129340398",
                "changes": [{
                  "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881", "phone_number_id": "{{phoneNumberId}}"},
                    "contacts": [{"profile": {"name": "Sari Dewi"}{{contactIds}}}],
                    "messages": [{
                      {{from}}
                      "id": "{{id}}",
                      "timestamp": "1764770000",
                      "type": "{{type}}",
                      {{content}}
                    }]
                  },
                  "field": "messages"
                }]
              }]
            }
            """);
    }

    public static string Text(string id, string body) => Message(id, "text", $"\"text\": {{\"body\": \"{body}\"}}");

    public const string Image = """
        "image": {"caption": "Foto toko", "mime_type": "image/jpeg", "sha256": "u9Yf2x7b", "id": "1003383421387256", "url": "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256"}
        """;

    public const string Reaction = """
        "reaction": {"message_id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA", "emoji": "\uD83D\uDE00"}
        """;

    /// <summary>A statuses webhook: <paramref name="status"/> for the assistant's message <paramref name="id"/>.</summary>
    public static string Status(string id, string status) => $$"""
        {
          "object": "whatsapp_business_account",
          "entry": [{
            "id": "102290129340398",
            "changes": [{
              "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "15550783881", "phone_number_id": "{{PhoneNumberId}}"},
                "contacts": [{"profile": {"name": "Sari Dewi"}, "wa_id": "{{WaId}}", "user_id": "{{UserId}}"}],
                "statuses": [{
                  "id": "{{id}}",
                  "status": "{{status}}",
                  "timestamp": "1764770100",
                  "recipient_id": "{{WaId}}",
                  "recipient_user_id": "{{UserId}}",
                  "pricing": {"billable": true, "pricing_model": "PMP", "category": "service", "type": "free_customer_service"}
                }]
              },
              "field": "messages"
            }]
          }]
        }
        """;
}
