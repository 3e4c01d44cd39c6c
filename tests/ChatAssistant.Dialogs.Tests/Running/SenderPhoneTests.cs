using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// The number an owner chats from (WhatsApp gives it with every message) is offered at a phone question and stored
/// only after a yes; a no, or another number, is the question as usual.
/// </summary>
public sealed class SenderPhoneTests
{
    private const string WaId = "6281234567890";

    private const string Dialog = """
        id: contact
        version: 1
        languages: [id, en]
        title: {id: Kontak, en: Contact}
        commands: [/kontak]
        start: name
        steps:
          name:
            ask: {id: Siapa nama usaha Anda?, en: What is your business called?}
          phone:
            ask: {id: Nomor HP yang bisa dihubungi?, en: Which mobile number can we reach you on?}
            input: phone
            save: profile.phone
          done:
            end: {id: "Terima kasih, kami hubungi {profile.phone}.", en: "Thank you, we will contact {profile.phone}."}
        """;

    private static OutboundMessage Send(Chat chat, string text, string? phone = WaId) =>
        chat.Receive(InboundMessage.FromText(text) with { SenderPhone = phone });

    private static Chat AtThePhoneQuestion(string language = Languages.Indonesian)
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog), language);
        Send(chat, "/kontak");
        Send(chat, "Toko Sari");
        return chat;
    }

    private static bool Holds(Chat chat, string digits) =>
        chat.Session.Profile.Values.Concat(chat.Active?.Answers.Values.AsEnumerable() ?? []).Any(v => (v.Text ?? string.Empty).Contains(digits, StringComparison.Ordinal));

    [Fact]
    public void At_a_phone_question_the_number_chatted_from_is_offered_in_full_and_nothing_is_stored_before_a_yes()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));
        Send(chat, "/kontak");

        var offer = Send(chat, "Toko Sari");

        Assert.Equal("Nomor HP yang bisa dihubungi?\n\nPakai nomor yang Anda pakai untuk chat ini, 0812-3456-7890?", offer.Text);
        Assert.Equal(["Ya", "Tidak"], offer.Buttons.Select(b => b.Label));
        Assert.Equal("phone", chat.Step);
        Assert.False(Holds(chat, "81234567890"));
    }

    [Theory]
    [InlineData("ya")]
    [InlineData("1")]
    public void Yes_stores_the_number_as_the_answer(string yes)
    {
        var chat = AtThePhoneQuestion();

        var reply = Send(chat, yes);

        Assert.StartsWith("Terima kasih, kami hubungi", reply.Text, StringComparison.Ordinal);
        Assert.Equal("+6281234567890", chat.Session.Profile["phone"].Text);
    }

    [Fact]
    public void Tapping_Ya_stores_it_too()
    {
        var chat = AtThePhoneQuestion();

        var reply = chat.Receive(InboundMessage.FromButton(chat.Last.Buttons[0].Data, "Ya") with { SenderPhone = WaId });

        Assert.Null(chat.Active);
        Assert.Equal("+6281234567890", chat.Session.Profile["phone"].Text);
        Assert.StartsWith("Terima kasih", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_asks_the_question_as_usual_and_a_typed_number_answers_it()
    {
        var chat = AtThePhoneQuestion();

        var asked = Send(chat, "tidak");
        Assert.Equal("Nomor HP yang bisa dihubungi?", asked.Text);
        Assert.Empty(asked.Buttons);
        Assert.False(Holds(chat, "81234567890"));

        Send(chat, "0857-1111-2222");

        Assert.Null(chat.Active);
        Assert.Equal("+6285711112222", chat.Session.Profile["phone"].Text);
    }

    [Fact]
    public void Another_number_typed_at_the_offer_is_the_answer()
    {
        var chat = AtThePhoneQuestion();

        Send(chat, "+62 857 1111 2222");

        Assert.Null(chat.Active);
        Assert.Equal("+6285711112222", chat.Session.Profile["phone"].Text);
    }

    [Fact]
    public void Without_a_number_from_the_chat_app_the_question_is_asked_as_before()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));
        Send(chat, "/kontak", phone: null);

        var asked = Send(chat, "Toko Sari", phone: null);

        Assert.Equal("Nomor HP yang bisa dihubungi?", asked.Text);
    }

    [Fact]
    public void A_number_that_is_not_an_Indonesian_mobile_is_not_offered()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));
        Send(chat, "/kontak", phone: "14155550123");

        var asked = Send(chat, "Toko Sari", phone: "14155550123");

        Assert.Equal("Nomor HP yang bisa dihubungi?", asked.Text);
    }

    [Fact]
    public void A_number_already_saved_is_confirmed_as_before_not_replaced_by_the_offer()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));
        chat.Session.SetProfile("phone", Values.DialogValue.FromText("+6285711112222"));
        Send(chat, "/kontak");

        var confirm = Send(chat, "Toko Sari");

        Assert.DoesNotContain("0812-3456-7890", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(["Ya, masih benar", "Ubah"], confirm.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void The_offer_reads_in_English_for_an_English_speaking_owner()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog), Languages.English);
        Send(chat, "/kontak");

        var offer = Send(chat, "Toko Sari");

        Assert.EndsWith("Use the number you are chatting from, 0812-3456-7890?", offer.Text, StringComparison.Ordinal);
        Assert.Equal(["Yes", "No"], offer.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void The_phone_number_never_shows_in_the_printed_message()
    {
        var message = InboundMessage.FromText("halo") with { SenderPhone = WaId };

        Assert.DoesNotContain("81234567890", message.ToString(), StringComparison.Ordinal);
    }
}
