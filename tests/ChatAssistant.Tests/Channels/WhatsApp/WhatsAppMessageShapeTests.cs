using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Tests.Channels.WhatsApp;

public sealed class WhatsAppMessageShapeTests
{
    private static readonly WhatsAppWords Words = WhatsAppWords.Indonesian;

    [Fact]
    public void A_plain_reply_is_one_text_message()
    {
        var parts = WhatsAppMessageShape.Shape(OutboundMessage.Plain("Halo, Bu Sari!"), Words);

        var part = Assert.Single(parts);
        Assert.Equal("text", part.Type);
        Assert.Equal("Halo, Bu Sari!", part.Text!.Body);
        Assert.Null(part.Interactive);
    }

    [Fact]
    public void A_text_over_4096_characters_is_split_at_its_paragraph()
    {
        var text = WhatsAppShapes.FiveThousandCharacters();

        var parts = WhatsAppMessageShape.Shape(OutboundMessage.Plain(text), Words);

        Assert.Equal(2, parts.Count);
        Assert.Equal(new string('a', 2999) + ".", parts[0].Text!.Body);
        Assert.Equal(new string('b', 1998) + ".", parts[1].Text!.Body);
    }

    [Fact]
    public void Up_to_three_buttons_are_reply_buttons_whose_ids_are_the_button_data()
    {
        var message = WhatsAppShapes.WithOptions(3);

        var part = Assert.Single(WhatsAppMessageShape.Shape(message, Words));

        Assert.Equal("interactive", part.Type);
        Assert.Equal("button", part.Interactive!.Type);
        Assert.Equal("Pilih salah satu:", part.Interactive.Body.Text);
        Assert.Equal(
            message.Buttons.Select(b => (b.Data, b.Label)),
            part.Interactive.Action.Buttons!.Select(b => (b.Reply.Id, b.Reply.Title)));
        Assert.All(part.Interactive.Action.Buttons!, b => Assert.Equal("reply", b.Type));
    }

    [Fact]
    public void Seven_options_are_one_list_with_a_row_each()
    {
        var message = WhatsAppShapes.WithOptions(7);

        var list = Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!;

        Assert.Equal("list", list.Type);
        Assert.Equal("Pilih", list.Action.Button);
        var rows = Assert.Single(list.Action.Sections!).Rows;
        Assert.Equal(message.Buttons.Select(b => (b.Data, b.Label)), rows.Select(r => (r.Id, r.Title)));
        Assert.All(rows, r => Assert.Null(r.Description));
    }

    [Fact]
    public void Fourteen_options_are_a_list_of_nine_and_a_more_row_then_the_other_five()
    {
        var message = WhatsAppShapes.WithOptions(14);

        var first = Assert.Single(Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!.Action.Sections!).Rows;
        var second = Assert.Single(Assert.Single(WhatsAppMessageShape.Shape(message, Words, page: 1)).Interactive!.Action.Sections!).Rows;

        Assert.Equal(2, WhatsAppMessageShape.PageCount(14));
        Assert.Equal(10, first.Count);
        Assert.Equal(message.Buttons.Take(9).Select(b => b.Data), first.Take(9).Select(r => r.Id));
        Assert.Equal("Lainnya", first[9].Title);
        Assert.True(WhatsAppMessageShape.TryParseMore(first[9].Id, out var page));
        Assert.Equal(1, page);
        Assert.Equal(message.Buttons.Skip(9).Select(b => b.Data), second.Select(r => r.Id));
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(19, 2)]
    [InlineData(20, 3)]
    [InlineData(28, 3)]
    public void Every_option_is_on_exactly_one_page_and_no_page_has_more_than_ten_rows(int options, int pages)
    {
        var message = WhatsAppShapes.WithOptions(options);

        var rows = Enumerable.Range(0, WhatsAppMessageShape.PageCount(options))
            .Select(p => Assert.Single(Assert.Single(WhatsAppMessageShape.Shape(message, Words, p)).Interactive!.Action.Sections!).Rows)
            .ToList();

        Assert.Equal(pages, rows.Count);
        Assert.All(rows, page => Assert.InRange(page.Count, 1, 10));
        Assert.Equal(
            message.Buttons.Select(b => b.Data),
            rows.SelectMany(page => page).Select(r => r.Id).Where(id => !id.StartsWith(WhatsAppMessageShape.MorePrefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_label_too_long_for_a_reply_button_makes_a_list_shortened_at_a_word_with_the_full_label_below()
    {
        var message = new OutboundMessage("Usaha apa?", [new Button(WhatsAppShapes.LongLabel, "t|warung"), new Button("Toko", "t|toko")]);

        var list = Assert.Single(WhatsAppMessageShape.Shape(message, Words)).Interactive!;

        Assert.Equal("list", list.Type);
        var row = Assert.Single(list.Action.Sections!).Rows[0];
        Assert.Equal("Warung makan dan…", row.Title);
        Assert.Equal(WhatsAppShapes.LongLabel, row.Description);
        Assert.Equal("t|warung", row.Id);
        Assert.Null(list.Action.Sections![0].Rows[1].Description);
    }

    [Theory]
    [InlineData("Warung makan dan minuman ringan", 24, "Warung makan dan…")]
    [InlineData("Warung makan dan minuman", 24, "Warung makan dan minuman")]
    [InlineData("Jual beli barang bekas layak pakai", 20, "Jual beli barang…")]
    [InlineData("Satu dua tiga empat lima", 20, "Satu dua tiga empat…")]
    [InlineData("  Toko  ", 20, "Toko")]
    public void Labels_are_shortened_at_a_word_and_fit_the_limit(string label, int limit, string expected)
    {
        var shortened = WhatsAppText.Shorten(label, limit);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= limit);
        // Never mid-word: what is kept (without the ellipsis) is a whole-word prefix of the label.
        var kept = shortened.TrimEnd('…');
        Assert.True(kept.Length == label.Trim().Length || char.IsWhiteSpace(label.Trim()[kept.Length]));
    }

    [Fact]
    public void A_single_word_longer_than_the_limit_is_the_one_label_cut_inside_a_word()
    {
        Assert.Equal("Supercalifragilisti…", WhatsAppText.Shorten("Supercalifragilisticexpialidocious", 20));
    }

    [Fact]
    public void A_body_over_1024_characters_goes_ahead_as_text_and_the_buttons_keep_the_last_paragraph()
    {
        var intro = new string('x', 1499) + ".";
        var question = "Berapa omzet bulanan Anda?";
        var message = new OutboundMessage(intro + "\n\n" + question, [new Button("Kecil", "t|s"), new Button("Besar", "t|l")]);

        var parts = WhatsAppMessageShape.Shape(message, Words);

        Assert.Equal(2, parts.Count);
        Assert.Equal(intro, parts[0].Text!.Body);
        Assert.Equal(question, parts[1].Interactive!.Body.Text);
    }

    [Fact]
    public void An_empty_text_under_buttons_still_has_a_body()
    {
        var part = Assert.Single(WhatsAppMessageShape.Shape(new OutboundMessage(string.Empty, [new Button("Ya", "t|y")]), Words));

        Assert.False(string.IsNullOrEmpty(part.Interactive!.Body.Text));
    }

    [Fact]
    public void English_words_name_the_list_button_and_the_more_row()
    {
        var list = Assert.Single(WhatsAppMessageShape.Shape(WhatsAppShapes.WithOptions(12), WhatsAppWords.English)).Interactive!;

        Assert.Equal("Choose", list.Action.Button);
        Assert.Equal("More", list.Action.Sections![0].Rows[^1].Title);
    }

    [Theory]
    [InlineData("wa:more:2", true, 2)]
    [InlineData("wa:more:0", false, 0)]
    [InlineData("wa:more:-1", false, 0)]
    [InlineData("tok12345|wa:more:1", false, 0)]
    public void Only_a_more_row_id_reads_as_a_page(string id, bool isMore, int page)
    {
        Assert.Equal(isMore, WhatsAppMessageShape.TryParseMore(id, out var parsed));
        if (isMore)
        {
            Assert.Equal(page, parsed);
        }
    }
}
