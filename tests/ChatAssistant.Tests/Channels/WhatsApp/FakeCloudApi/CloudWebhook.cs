using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>One delivery status of a message the assistant sent, as a statuses webhook reports it.</summary>
internal sealed record CloudStatus(string WamId, string Status, CloudOwner Recipient);

/// <summary>
/// One webhook body in the shape of Meta's "messages" webhook (object, entry, changes, value with metadata, contacts,
/// messages or statuses), built as JSON so whatever an owner typed is escaped as Meta escapes it. The same body can
/// be posted again, as Meta redelivers.
/// </summary>
internal sealed record CloudWebhook(string Body, IReadOnlyList<string> MessageIds)
{
    public const string DisplayPhoneNumber = "15550783881";
    private const string BusinessAccountId = "102290129340398";

    /// <summary>A body carrying the owners' messages, in order (Meta batches several in one body at times).</summary>
    public static CloudWebhook ForMessages(string phoneNumberId, IReadOnlyList<(CloudOwner Owner, JsonObject Message)> messages)
    {
        var contacts = new JsonArray();
        foreach (var owner in messages.Select(m => m.Owner).Distinct())
        {
            var contact = new JsonObject { ["profile"] = new JsonObject { ["name"] = owner.Name }, ["wa_id"] = owner.WaId };
            if (owner.UserId is not null)
            {
                contact["user_id"] = owner.UserId;
            }

            contacts.Add(contact);
        }

        var value = Value(phoneNumberId);
        value["contacts"] = contacts;
        value["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)m.Message)]);
        return new CloudWebhook(Wrap(value), [.. messages.Select(m => m.Message["id"]!.GetValue<string>())]);
    }

    /// <summary>A body carrying delivery statuses, in the order given (Meta does not keep their order).</summary>
    public static CloudWebhook ForStatuses(string phoneNumberId, IEnumerable<CloudStatus> statuses)
    {
        var value = Value(phoneNumberId);
        value["statuses"] = new JsonArray([.. statuses.Select(s => (JsonNode)Status(s))]);
        return new CloudWebhook(Wrap(value), []);
    }

    /// <summary>The part of a message every type shares: sender, id, time, type; the caller adds the type's own object.</summary>
    public static JsonObject Message(CloudOwner owner, string id, string type, string? context = null)
    {
        var message = new JsonObject { ["from"] = owner.WaId };
        if (owner.UserId is not null)
        {
            message["from_user_id"] = owner.UserId;
        }

        message["id"] = id;
        message["timestamp"] = Now();
        message["type"] = type;
        if (context is not null)
        {
            // A reply to one of the assistant's messages names it, as Meta does for taps.
            message["context"] = new JsonObject { ["from"] = DisplayPhoneNumber, ["id"] = context };
        }

        return message;
    }

    public static JsonObject Text(CloudOwner owner, string id, string body)
    {
        var message = Message(owner, id, "text");
        message["text"] = new JsonObject { ["body"] = body };
        return message;
    }

    /// <summary>A tap on a reply button (<c>button_reply</c>) or a pick from a list (<c>list_reply</c>), with the id the assistant gave.</summary>
    public static JsonObject Interactive(CloudOwner owner, string id, CloudChoice choice, string? context)
    {
        var message = Message(owner, id, "interactive", context);
        var reply = new JsonObject { ["id"] = choice.Id, ["title"] = choice.Title };
        if (choice.Kind == CloudChoiceKind.ListRow && choice.Description is not null)
        {
            reply["description"] = choice.Description;
        }

        var kind = choice.Kind == CloudChoiceKind.Button ? "button_reply" : "list_reply";
        message["interactive"] = new JsonObject { ["type"] = kind, [kind] = reply };
        return message;
    }

    /// <summary>A template's quick-reply button (type <c>button</c>): the payload the template was sent with, and the button's text.</summary>
    public static JsonObject TemplateButton(CloudOwner owner, string id, string payload, string text, string? context)
    {
        var message = Message(owner, id, "button", context);
        message["button"] = new JsonObject { ["payload"] = payload, ["text"] = text };
        return message;
    }

    public static JsonObject Image(CloudOwner owner, string id)
    {
        var message = Message(owner, id, "image");
        message["image"] = new JsonObject
        {
            ["caption"] = "Foto toko",
            ["mime_type"] = "image/jpeg",
            ["sha256"] = "u9Yf2x7bQ0tZ6vY2c1p6aK8JxNq3Rb5gW0mE4hT7sLo=",
            ["id"] = "1003383421387256",
        };
        return message;
    }

    private static JsonObject Status(CloudStatus status)
    {
        var node = new JsonObject
        {
            ["id"] = status.WamId,
            ["status"] = status.Status,
            ["timestamp"] = Now(),
            ["recipient_id"] = status.Recipient.WaId,
        };
        if (status.Recipient.UserId is not null)
        {
            node["recipient_user_id"] = status.Recipient.UserId;
        }

        if (status.Status == "failed")
        {
            node["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = 131026,
                ["title"] = "Message undeliverable",
                ["message"] = "Message undeliverable",
                ["error_data"] = new JsonObject { ["details"] = "Message Undeliverable." },
            });
        }
        else
        {
            node["pricing"] = new JsonObject { ["billable"] = true, ["pricing_model"] = "PMP", ["category"] = "service", ["type"] = "free_customer_service" };
        }

        return node;
    }

    private static JsonObject Value(string phoneNumberId) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject { ["display_phone_number"] = DisplayPhoneNumber, ["phone_number_id"] = phoneNumberId },
    };

    private static string Wrap(JsonObject value) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = BusinessAccountId,
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
        }),
    }.ToJsonString();

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
