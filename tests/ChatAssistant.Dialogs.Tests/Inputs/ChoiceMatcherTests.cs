using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class ChoiceMatcherTests
{
    private static readonly ChoiceCandidate[] Sectors =
    [
        new("food", ["Makanan & minuman", "Food & drink"], []),
        new("craft", ["Kerajinan", "Crafts"], []),
        new("fashion", ["Fesyen", "Fashion"], []),
        new("agriculture", ["Pertanian/perikanan", "Farming & fishing"], []),
        new("trade", ["Perdagangan", "Trade"], []),
        new("services", ["Jasa", "Services"], []),
        new("other", ["Lainnya", "Other"], []),
    ];

    private static readonly ChoiceCandidate[] ReadyOrNot =
    [
        new("yes", ["Ya", "Yes"], []),
        new("no", ["Belum", "Not yet"], []),
        new("unsure", ["Tidak yakin", "Not sure"], []),
    ];

    [Theory]
    [InlineData("makanan", "food")]
    [InlineData("Makanan & minuman", "food")]
    [InlineData("makanan dan minuman", "food")]
    [InlineData("MAKANAN", "food")]
    [InlineData("kuliner", "food")]
    [InlineData("Kuliner kak", "food")]
    [InlineData("usaha saya kuliner", "food")]
    [InlineData("minuman", "food")]
    [InlineData("makan", "food")]
    [InlineData("warung makan", "food")]
    [InlineData("kafe", "food")]
    [InlineData("kafé", "food")]
    [InlineData("catering", "food")]
    [InlineData("kulinr", "food")]
    [InlineData("food", "food")]
    [InlineData("Food & drink", "food")]
    [InlineData("food and drink", "food")]
    [InlineData("kerajinan", "craft")]
    [InlineData("kerajinan tangan", "craft")]
    [InlineData("kriya", "craft")]
    [InlineData("crafts", "craft")]
    [InlineData("handmade", "craft")]
    [InlineData("fesyen", "fashion")]
    [InlineData("fashion", "fashion")]
    [InlineData("pakaian", "fashion")]
    [InlineData("konveksi", "fashion")]
    [InlineData("baju", "fashion")]
    [InlineData("hijab", "fashion")]
    [InlineData("pertanian", "agriculture")]
    [InlineData("perikanan", "agriculture")]
    [InlineData("Pertanian/perikanan", "agriculture")]
    [InlineData("tani", "agriculture")]
    [InlineData("peternakan", "agriculture")]
    [InlineData("nelayan", "agriculture")]
    [InlineData("farming", "agriculture")]
    [InlineData("perdagangan", "trade")]
    [InlineData("dagang", "trade")]
    [InlineData("jualan", "trade")]
    [InlineData("toko", "trade")]
    [InlineData("kelontong", "trade")]
    [InlineData("retail", "trade")]
    [InlineData("olshop", "trade")]
    [InlineData("trade", "trade")]
    [InlineData("jasa", "services")]
    [InlineData("laundry", "services")]
    [InlineData("bengkel", "services")]
    [InlineData("salon", "services")]
    [InlineData("services", "services")]
    [InlineData("lainnya", "other")]
    [InlineData("lain-lain", "other")]
    [InlineData("other", "other")]
    [InlineData("perdagangn", "trade")]
    [InlineData("pertnian", "agriculture")]
    [InlineData("fesyen kak", "fashion")]
    [InlineData("Jasa.", "services")]
    public void Choice_matcher_picks_the_sector_an_owner_names(string text, string value)
    {
        var match = ChoiceMatcher.Match(text, Sectors);
        Assert.True(match.IsOne, text);
        Assert.Equal(value, Sectors[match.Index].Value);
    }

    [Theory]
    [InlineData("batik")]
    [InlineData("warung")]
    public void Choice_matcher_reports_every_option_a_word_fits_so_the_owner_is_asked_which(string text)
    {
        var match = ChoiceMatcher.Match(text, Sectors);
        Assert.True(match.IsSeveral);
    }

    [Theory]
    [InlineData("ya", "yes")]
    [InlineData("iya kak", "yes")]
    [InlineData("sudah", "yes")]
    [InlineData("belum", "no")]
    [InlineData("blm", "no")]
    [InlineData("tidak", "no")]
    [InlineData("gak", "no")]
    [InlineData("not yet", "no")]
    [InlineData("tidak yakin", "unsure")]
    [InlineData("gak yakin", "unsure")]
    [InlineData("not sure", "unsure")]
    [InlineData("yakin", "unsure")]
    public void Choice_matcher_reads_yes_and_no_for_options_valued_yes_and_no(string text, string value)
    {
        var match = ChoiceMatcher.Match(text, ReadyOrNot);
        Assert.True(match.IsOne, text);
        Assert.Equal(value, ReadyOrNot[match.Index].Value);
    }

    [Fact]
    public void Choice_matcher_uses_an_options_own_synonyms()
    {
        ChoiceCandidate[] programmes =
        [
            new("digital", ["Pemasaran digital"], ["jualan online", "medsos"]),
            new("finance", ["Pembukuan"], ["keuangan", "akuntansi"]),
        ];

        Assert.Equal(0, ChoiceMatcher.Match("medsos", programmes).Index);
        Assert.Equal(0, ChoiceMatcher.Match("jualan online", programmes).Index);
        Assert.Equal(1, ChoiceMatcher.Match("keuangan", programmes).Index);
        Assert.Equal(1, ChoiceMatcher.Match("pembukuan kak", programmes).Index);
    }

    [Fact]
    public void Choice_matcher_finds_nothing_for_a_word_no_option_fits()
    {
        Assert.True(ChoiceMatcher.Match("pesawat terbang", Sectors).IsNone);
        Assert.True(ChoiceMatcher.Match("", Sectors).IsNone);
    }

    [Fact]
    public void Choice_matcher_reads_a_steps_options_with_both_labels_and_their_synonyms()
    {
        ChoiceOption[] options =
        [
            new("digital", LocalizedText.Of("Pemasaran digital", "Digital marketing"), default) { Synonyms = ["medsos"] },
            new("finance", LocalizedText.Of("Pembukuan", "Bookkeeping"), default),
        ];

        Assert.Equal(0, ChoiceMatcher.Match("medsos", options).Index);
        Assert.Equal(0, ChoiceMatcher.Match("digital marketing", options).Index);
        Assert.Equal(1, ChoiceMatcher.Match("bookkeeping", options).Index);
    }
}
