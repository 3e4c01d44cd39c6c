using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>A maintainer's <c>short:</c> label reaches WhatsApp through the outbox and stands in for a label too long to show.</summary>
public sealed class WhatsAppShortLabelTests
{
    private static readonly WhatsAppWords Words = WhatsAppWords.Indonesian;

    [Fact]
    public void A_label_too_long_for_a_reply_button_shows_its_short_label_and_stays_a_button()
    {
        var message = new OutboundMessage("Bagaimana pelanggan membayar?",
            [new Button("Tunai", "t|cash"), new Button("Transfer lewat rekening bank", "t|transfer", "Transfer bank")]);

        var buttons = Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!;

        Assert.Equal("button", buttons.Type);
        Assert.Equal(["Tunai", "Transfer bank"], buttons.Action.Buttons!.Select(b => b.Reply.Title));
        Assert.Equal(["t|cash", "t|transfer"], buttons.Action.Buttons!.Select(b => b.Reply.Id));
    }

    [Fact]
    public void A_short_label_in_a_list_row_keeps_the_full_label_in_the_description()
    {
        var message = new OutboundMessage("Usaha apa?",
        [
            new Button(WhatsAppShapes.LongLabel, "t|warung", "Warung makan"), new Button("Toko", "t|toko"),
            new Button("Jasa", "t|jasa"), new Button("Lainnya", "t|other"),
        ]);

        var rows = Assert.Single(Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!.Action.Sections!).Rows;

        Assert.Equal("Warung makan", rows[0].Title);
        Assert.Equal(WhatsAppShapes.LongLabel, rows[0].Description);
        Assert.Null(rows[1].Description);
    }

    [Fact]
    public void A_label_that_fits_is_shown_as_written_even_with_a_short_label()
    {
        var message = new OutboundMessage("Siap?", [new Button("Ya, lanjutkan", "t|y", "Ya"), new Button("Tidak", "t|n")]);

        var buttons = Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!.Action.Buttons!;

        Assert.Equal("Ya, lanjutkan", buttons[0].Reply.Title);
    }

    [Fact]
    public void A_short_label_too_long_itself_is_not_used_and_the_label_is_shortened_at_a_word()
    {
        var message = new OutboundMessage("Usaha apa?", [new Button(WhatsAppShapes.LongLabel, "t|warung", "Warung makan dan minuman ringan")]);

        var row = Assert.Single(Assert.Single(Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!.Action.Sections!).Rows);

        Assert.Equal("Warung makan dan…", row.Title);
        Assert.Equal(WhatsAppShapes.LongLabel, row.Description);
    }

    [Fact]
    public void The_outbox_keeps_a_short_label_and_reads_rows_written_before_short_labels()
    {
        IReadOnlyList<Button> buttons = [new Button("Tunai", "t|cash"), new Button("Transfer lewat rekening bank", "t|transfer", "Transfer bank")];

        var json = OutboxButtons.Encode(buttons);

        Assert.Equal("""[["Tunai","t|cash"],["Transfer lewat rekening bank","t|transfer","Transfer bank"]]""", json);
        Assert.Equal(buttons, OutboxButtons.Decode(json));
        Assert.Equal([new Button("Ya", "t|y")], OutboxButtons.Decode("""[["Ya","t|y"]]"""));
    }
}
