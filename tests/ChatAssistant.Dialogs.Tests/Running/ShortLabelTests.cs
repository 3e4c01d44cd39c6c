using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>An option's <c>short:</c> label travels with its button, and typing it picks the option.</summary>
public sealed class ShortLabelTests
{
    private const string Dialog = """
        id: pay
        version: 1
        languages: [id, en]
        title: {id: Bayar, en: Pay}
        commands: [/bayar]
        start: payment
        steps:
          payment:
            ask: {id: Bagaimana pelanggan membayar?, en: How do customers pay?}
            options:
              - {value: cash, id: Tunai, en: Cash}
              - {value: transfer, id: Transfer lewat rekening bank, en: Transfer to a bank account, short: {id: Transfer bank, en: Bank transfer}}
          done:
            end: {id: "Jawaban: {payment}", en: "Answer: {payment}"}
        """;

    [Theory]
    [InlineData(Languages.Indonesian, "Transfer lewat rekening bank", "Transfer bank")]
    [InlineData(Languages.English, "Transfer to a bank account", "Bank transfer")]
    public void The_button_carries_the_full_label_and_the_short_one_in_the_owners_language(string language, string label, string shortLabel)
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog), language);

        var reply = chat.Send("/bayar");

        Assert.Equal(label, reply.Buttons[1].Label);
        Assert.Equal(shortLabel, reply.Buttons[1].Short);
        Assert.Null(reply.Buttons[0].Short);
    }

    [Fact]
    public void Typing_the_short_label_the_button_showed_picks_the_option()
    {
        var chat = new Chat(TestDialogs.Catalog(Dialog));
        chat.Send("/bayar");

        var reply = chat.Send("transfer bank");

        Assert.Null(chat.Active);
        Assert.Contains("Transfer lewat rekening bank", reply.Text, StringComparison.Ordinal);
    }
}
