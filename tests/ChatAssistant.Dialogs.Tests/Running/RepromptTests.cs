using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

public class RepromptTests
{
    private const string SalesQuestion = "Berapa omzet per tahun?";
    private const string MoneyReprompt = "Mohon ketik jumlah dalam rupiah, misalnya 15.000.000 atau 15 juta.";

    /// <summary>A chat waiting at the money question (annual sales).</summary>
    private static Chat AtSales() => StepKindTests.Started("Toko Sari", "3");

    [Theory]
    [InlineData("💰💰💰")]
    [InlineData("15 juta 💰")]
    [InlineData("banyak")]
    [InlineData("1,5")]
    [InlineData("-15 juta")]
    [InlineData("15.00.000")]
    public void Money_question_asks_again_on_an_amount_it_cannot_read(string typed)
    {
        var chat = AtSales();

        var reply = chat.Send(typed);

        Assert.Equal($"Maaf, \"{typed}\" belum bisa saya pahami. {MoneyReprompt}\n\n{SalesQuestion}", reply.Text);
        Assert.Equal("sales", chat.Step);
        Assert.False(chat.Active!.Answers.ContainsKey("sales"));
    }

    [Theory]
    [InlineData("15 juta")]
    [InlineData("15.000.000")]
    [InlineData("Rp15jt")]
    [InlineData("Rp 15.000.000,-")]
    [InlineData("15jt")]
    [InlineData("15 juta\r\n")]
    [InlineData("\u200B15 JUTA ")]
    public void Money_question_accepts_the_ways_owners_write_amounts(string typed)
    {
        var chat = AtSales();

        chat.Send(typed);

        Assert.Equal(DialogValue.FromMoney(15_000_000), chat.Active!.Answers["sales"]);
        Assert.Equal("sector", chat.Step);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n")]
    [InlineData("\u0000\u0007\u001B")]
    [InlineData("\uFEFF")]
    public void Empty_message_is_answered_with_the_current_question(string typed)
    {
        var chat = AtSales();

        var reply = chat.Send(typed);

        Assert.Equal("Pesan Anda kosong. Silakan ketik jawaban Anda.\n\n" + SalesQuestion, reply.Text);
        Assert.Equal("sales", chat.Step);
    }

    [Fact]
    public void Ten_thousand_character_line_is_refused_without_being_read()
    {
        var chat = AtSales();

        var reply = chat.Send(new string('9', 10_000));

        Assert.Equal($"Pesan Anda terlalu panjang. Mohon ringkas menjadi paling banyak {ConversationEngine.MaxTextLength} karakter.\n\n{SalesQuestion}", reply.Text);
        Assert.Equal("sales", chat.Step);
        Assert.False(chat.Active!.Answers.ContainsKey("sales"));
    }

    [Fact]
    public void Control_characters_inside_an_answer_become_spaces()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));
        chat.Send("/usaha");

        chat.Send("Toko\u0007Sari\u0000");

        Assert.Equal(DialogValue.FromText("Toko Sari"), chat.Session.Profile["business_name"]);
    }

    [Fact]
    public void Windows_line_endings_in_a_text_answer_are_kept_as_plain_line_breaks()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));
        chat.Send("/usaha");

        chat.Send("Toko Sari\r\nCabang 2\r\n");

        Assert.Equal(DialogValue.FromText("Toko Sari\nCabang 2"), chat.Session.Profile["business_name"]);
    }

    [Fact]
    public void Emoji_is_a_valid_text_answer()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));
        chat.Send("/usaha");

        chat.Send("Toko Sari 🌶️ 👨‍👩‍👧");

        Assert.Equal(DialogValue.FromText("Toko Sari 🌶️ 👨‍👩‍👧"), chat.Session.Profile["business_name"]);
    }

    [Fact]
    public void Text_over_the_steps_maximum_is_refused_with_that_maximum_named()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Business));
        chat.Send("/usaha");

        var reply = chat.Send(new string('a', 61));

        Assert.Equal($"Maaf, \"{new string('a', 40)}…\" belum bisa saya pahami. Mohon ketik jawaban antara 1 dan 60 karakter.\n\nApa nama usaha Anda?", reply.Text);
        Assert.Equal("name", chat.Step);
    }

    [Fact]
    public void Text_without_a_maximum_is_refused_past_the_default_with_the_limit_it_really_applies()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Survey));
        chat.Send("/survei");
        chat.Send("5");

        var reply = chat.Send(new string('a', InputReader.DefaultMaxTextLength + 1));

        Assert.Equal("comment", chat.Step);
        Assert.Equal($"Maaf, \"{new string('a', 40)}…\" belum bisa saya pahami. Mohon ketik jawaban antara 1 dan {InputReader.DefaultMaxTextLength} karakter.\n\nAda saran?", reply.Text);
        chat.Send(new string('a', InputReader.DefaultMaxTextLength));
        Assert.Null(chat.Active);
    }

    [Fact]
    public void Integer_out_of_range_names_the_range()
    {
        var chat = new Chat(TestDialogs.Catalog(TestDialogs.Survey), Languages.English);
        chat.Send("/survei");

        var reply = chat.Send("6");

        Assert.Equal("Sorry, I could not read \"6\". Please type a whole number between 1 and 5.\n\nRate our service (1-5).", reply.Text);
        Assert.Equal("score", chat.Step);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    [InlineData("senjata")]
    public void Choice_asks_again_when_the_number_or_word_is_not_an_option(string typed)
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta");

        var reply = chat.Send(typed);

        Assert.Equal($"Maaf, \"{typed}\" belum bisa saya pahami. Mohon pilih salah satu tombol, atau ketik nomornya (1–3).\n\nApa bidang usaha Anda?", reply.Text);
        Assert.Equal(3, reply.Buttons.Count);
        Assert.Equal("sector", chat.Step);
    }

    [Fact]
    public void Button_of_the_current_question_with_a_value_it_does_not_offer_asks_again()
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta");

        chat.Tap(ButtonData.ForTap(chat.LastToken, "weapons"));

        Assert.Equal("sector", chat.Step);
        Assert.StartsWith("Mohon pilih salah satu tombol", chat.Last.Text);
    }

    [Theory]
    [InlineData("mungkin")]
    [InlineData("entahlah")]
    [InlineData("3")]
    public void Yes_no_asks_again_on_anything_else(string typed)
    {
        var chat = StepKindTests.Started("Toko Sari", "3", "15 juta", "1");

        var reply = chat.Send(typed);

        Assert.Equal($"Maaf, \"{typed}\" belum bisa saya pahami. Mohon jawab Ya atau Tidak.\n\nApakah Anda punya NIB?", reply.Text);
        Assert.Equal(["Ya", "Tidak"], reply.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void Sticker_or_photo_gets_a_polite_answer_and_the_current_question()
    {
        var chat = AtSales();

        var reply = chat.Receive(InboundMessage.Unsupported("sticker"));

        Assert.Equal("Maaf, saya hanya bisa membaca pesan teks. Silakan ketik jawaban Anda atau ketuk tombol.\n\n" + SalesQuestion, reply.Text);
        Assert.Equal("sales", chat.Step);
    }

    [Fact]
    public void Step_reprompt_text_replaces_the_built_in_one()
    {
        const string yaml = """
            id: own-reprompt
            version: 1
            languages: [id, en]
            title: { id: Omzet, en: Sales }
            commands: [/omzet]
            start: sales
            steps:
              sales:
                ask: { id: Omzet setahun?, en: Sales per year? }
                input: money
                reprompt: { id: "Tulis angka saja, misalnya 150 juta.", en: "Just the number, for example 150 juta." }
              done:
                end: { id: "Omzet {sales} tercatat.", en: "Sales of {sales} recorded." }
            """;
        var chat = new Chat(TestDialogs.Catalog(yaml));
        chat.Send("/omzet");

        var reply = chat.Send("banyak sekali");

        Assert.Equal("Maaf, \"banyak sekali\" belum bisa saya pahami. Tulis angka saja, misalnya 150 juta.\n\nOmzet setahun?", reply.Text);
    }
}
