using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>An ask step with 'help': an "Apa ini?" button and typed questions explain it without answering.</summary>
public sealed class HelpTests
{
    private const string Dialog = """
        id: helpful
        version: 1
        languages: [id, en]
        title: {id: Bantu, en: Help}
        commands: [/bantu]
        start: hs
        steps:
          hs:
            ask: {id: Sudah tahu kode HS produk Anda?, en: Do you know your product's HS code?}
            options:
              - {value: yes, id: Ya, en: "Yes"}
              - {value: no, id: Belum, en: Not yet}
            help: {id: Kode HS adalah nomor jenis barang., en: The HS code is the number of a kind of goods.}
          done:
            end: {id: "Jawaban: {hs}", en: "Answer: {hs}"}
        """;

    [Fact]
    public void A_question_with_help_has_what_is_this_as_its_last_button()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));

        var reply = chat.Send("/bantu");

        Assert.Equal(["Ya", "Belum", "Apa ini?"], reply.Buttons.Select(b => b.Label));
        Assert.Equal(chat.LastToken + "|?", reply.Buttons[^1].Data);
    }

    [Fact]
    public void Tapping_it_explains_and_asks_again_saving_nothing()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog), Languages.English);
        chat.Send("/bantu");

        var reply = chat.TapLabel("What is this?");

        Assert.StartsWith("The HS code is the number of a kind of goods.\n\nDo you know your product's HS code?", reply.Text, StringComparison.Ordinal);
        Assert.Equal("hs", chat.Step);
        Assert.Empty(chat.Active!.Answers);
        Assert.Equal("What is this?", reply.Buttons[^1].Label);
    }

    [Theory]
    [InlineData("apa ini?")]
    [InlineData("Apa ini")]
    [InlineData("?")]
    [InlineData("what is this?")]
    public void Typing_the_question_explains_too(string typed)
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));
        chat.Send("/bantu");

        var reply = chat.Send(typed);

        Assert.StartsWith("Kode HS adalah nomor jenis barang.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("hs", chat.Step);
        Assert.Contains("Jawaban: Ya", chat.Send("1").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_help_a_question_mark_is_just_an_answer_that_cannot_be_read()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog.Replace("    help:", "    note:", StringComparison.Ordinal)));
        var first = chat.Send("/bantu");

        var reply = chat.Send("?");

        Assert.DoesNotContain(first.Buttons, b => b.Label == "Apa ini?");
        Assert.DoesNotContain("Kode HS", reply.Text, StringComparison.Ordinal);
    }
}
