using System.Text;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Tests.Channels.WhatsApp;

public sealed class WhatsAppInboundReaderTests
{
    private static WhatsAppInbound ReadOne(string payload)
    {
        var batch = WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(payload), WhatsAppPayloads.PhoneNumberId);
        Assert.NotNull(batch);
        return Assert.Single(batch.Messages);
    }

    [Fact]
    public void A_text_message_is_text_from_the_owner_keyed_by_the_business_scoped_user_id()
    {
        var inbound = ReadOne(WhatsAppPayloads.Text("wamid.text1", "Halo, saya mau daftar"));

        Assert.Equal(WhatsAppInboundKind.Conversation, inbound.Kind);
        Assert.Equal("wamid.text1", inbound.MessageId);
        Assert.Equal(WhatsAppPayloads.UserId, inbound.ChatId);
        Assert.Equal(WhatsAppPayloads.WaId, inbound.Phone);
        Assert.Equal(InboundMessage.FromText("Halo, saya mau daftar"), inbound.Message);
    }

    [Fact]
    public void Without_a_business_scoped_user_id_the_owner_is_keyed_by_the_whatsapp_id()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.old", "text", "\"text\": {\"body\": \"halo\"}", userId: null));

        Assert.Equal(WhatsAppPayloads.WaId, inbound.ChatId);
    }

    [Fact]
    public void A_username_only_owner_without_a_phone_number_is_keyed_by_the_business_scoped_user_id()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.user", "text", "\"text\": {\"body\": \"halo\"}", waId: null));

        Assert.Equal(WhatsAppPayloads.UserId, inbound.ChatId);
        Assert.Null(inbound.Phone);
    }

    [Fact]
    public void The_user_id_of_the_senders_contact_entry_keys_the_owner_when_the_message_has_none()
    {
        // Webhooks that carry the BSUID only in contacts[] (not as from_user_id on the message).
        var payload = WhatsAppPayloads.Message("wamid.c", "text", "\"text\": {\"body\": \"halo\"}")
            .Replace($"\"from_user_id\":\"{WhatsAppPayloads.UserId}\",", string.Empty, StringComparison.Ordinal);

        var inbound = ReadOne(payload);

        Assert.Equal(WhatsAppPayloads.UserId, inbound.ChatId);
    }

    [Fact]
    public void A_reply_button_tap_carries_the_buttons_id()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.btn", "interactive", """
            "context": {"from": "15550783881", "id": "wamid.question"},
            "interactive": {"type": "button_reply", "button_reply": {"id": "sector:food", "title": "Makanan"}}
            """));

        Assert.Equal(InboundMessage.FromButton("sector:food", "Makanan"), inbound.Message);
    }

    [Fact]
    public void A_list_row_choice_carries_the_rows_id()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.list", "interactive", """
            "context": {"from": "15550783881", "id": "wamid.question"},
            "interactive": {"type": "list_reply", "list_reply": {"id": "province:jatim", "title": "Jawa Timur", "description": "Provinsi Jawa Timur"}}
            """));

        Assert.Equal(InboundMessage.FromButton("province:jatim", "Jawa Timur"), inbound.Message);
    }

    [Fact]
    public void A_template_quick_reply_carries_the_templates_payload()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.tpl", "button", """
            "context": {"from": "15550783881", "id": "wamid.template"},
            "button": {"payload": "/berhenti", "text": "Berhenti"}
            """));

        Assert.Equal(InboundMessage.FromButton("/berhenti", "Berhenti"), inbound.Message);
    }

    [Fact]
    public void A_shared_contact_answers_with_its_phone_number()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.contact", "contacts", """
            "contacts": [{
              "name": {"formatted_name": "Budi Santoso", "first_name": "Budi", "last_name": "Santoso"},
              "phones": [{"phone": "+62 812-3456-7890", "wa_id": "6281234567890", "type": "CELL"}]
            }]
            """));

        Assert.Equal(InboundMessage.FromText("+62 812-3456-7890"), inbound.Message);
    }

    [Fact]
    public void A_shared_contact_without_a_phone_number_gets_the_note()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.contact2", "contacts", """
            "contacts": [{"name": {"formatted_name": "Budi"}}]
            """));

        Assert.Equal(InboundKind.Unsupported, inbound.Message.Kind);
    }

    [Fact]
    public void A_shared_place_answers_with_its_name_and_address()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.loc", "location", """
            "location": {"address": "Jl. Malioboro 52, Yogyakarta", "latitude": -7.7925, "longitude": 110.3658, "name": "Toko Batik Sari"}
            """));

        Assert.Equal(InboundMessage.FromText("Toko Batik Sari, Jl. Malioboro 52, Yogyakarta"), inbound.Message);
    }

    [Fact]
    public void A_shared_pin_without_a_name_answers_with_its_coordinates()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.pin", "location", """
            "location": {"latitude": -7.7925, "longitude": 110.3658}
            """));

        Assert.Equal(InboundMessage.FromText("-7.7925, 110.3658"), inbound.Message);
    }

    [Theory]
    [InlineData("image", WhatsAppPayloads.Image)]
    [InlineData("audio", "\"audio\": {\"mime_type\": \"audio/ogg; codecs=opus\", \"sha256\": \"Fh1\", \"id\": \"1013859600285441\", \"voice\": true}")]
    [InlineData("video", "\"video\": {\"mime_type\": \"video/mp4\", \"sha256\": \"Xk2\", \"id\": \"1013859600285442\"}")]
    [InlineData("document", "\"document\": {\"filename\": \"katalog.pdf\", \"mime_type\": \"application/pdf\", \"sha256\": \"Pq3\", \"id\": \"1013859600285443\"}")]
    [InlineData("sticker", "\"sticker\": {\"mime_type\": \"image/webp\", \"sha256\": \"St4\", \"id\": \"1013859600285444\", \"animated\": false}")]
    public void Media_is_for_the_conversation_to_answer_with_a_note_and_the_question_again(string type, string content)
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid." + type, type, content));

        Assert.Equal(WhatsAppInboundKind.Conversation, inbound.Kind);
        Assert.Equal(InboundMessage.Unsupported(type), inbound.Message);
    }

    [Theory]
    [InlineData("reaction", WhatsAppPayloads.Reaction)]
    [InlineData("system", "\"system\": {\"body\": \"User Sari Dewi changed from 6281234567890 to 6281234567899\", \"wa_id\": \"6281234567899\", \"type\": \"user_changed_number\"}")]
    [InlineData("unsupported", "\"errors\": [{\"code\": 131051, \"title\": \"Message type unknown\", \"message\": \"Message type unknown\", \"error_data\": {\"details\": \"Message type is currently not supported.\"}}], \"unsupported\": {\"type\": \"edit\"}")]
    public void Reactions_system_notices_and_unsupported_messages_get_no_reply(string type, string content)
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid." + type, type, content));

        Assert.Equal(WhatsAppInboundKind.Ignore, inbound.Kind);
    }

    [Fact]
    public void A_message_without_a_sender_is_malformed()
    {
        var inbound = ReadOne(WhatsAppPayloads.Message("wamid.nobody", "text", "\"text\": {\"body\": \"halo\"}", waId: null, userId: null));

        Assert.Equal(WhatsAppInboundKind.Malformed, inbound.Kind);
        Assert.Contains("sender", inbound.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Statuses_are_read_with_the_message_id_and_the_status()
    {
        var batch = WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(WhatsAppPayloads.Status("wamid.sent1", "read")), WhatsAppPayloads.PhoneNumberId);

        Assert.NotNull(batch);
        Assert.Empty(batch.Messages);
        Assert.Equal(new WhatsAppStatusUpdate("wamid.sent1", "read", WhatsAppPayloads.UserId, 1764770100), Assert.Single(batch.Statuses));
    }

    [Fact]
    public void Messages_for_another_phone_number_of_the_app_are_skipped_and_counted()
    {
        var payload = WhatsAppPayloads.Message("wamid.other", "text", "\"text\": {\"body\": \"halo\"}", phoneNumberId: "999999999999");

        var batch = WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(payload), WhatsAppPayloads.PhoneNumberId);

        Assert.NotNull(batch);
        Assert.Empty(batch.Messages);
        Assert.Equal(1, batch.ForOtherNumbers);
    }

    [Theory]
    [InlineData("{\"object\": \"whatsapp_business_account\", \"entry\": [")]
    [InlineData("not json")]
    [InlineData("{\"entry\": 5}")]
    public void A_body_that_is_not_the_webhooks_json_is_refused(string body)
    {
        Assert.Null(WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(body), WhatsAppPayloads.PhoneNumberId));
    }
}
