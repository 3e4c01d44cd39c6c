using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Tests.Inputs;

/// <summary>Every answer the owners' trial found refused or misread, read by the parser its question uses.</summary>
public class OwnersOwnWordsTests
{
    [Theory]
    [InlineData("iya kak", true)]
    [InlineData("iyaa", true)]
    [InlineData("ya pak", true)]
    [InlineData("sip", true)]
    [InlineData("siap", true)]
    [InlineData("boleh", true)]
    [InlineData("udah", true)]
    [InlineData("iya bener", true)]
    [InlineData("👍", true)]
    [InlineData("blm", false)]
    [InlineData("gak ada", false)]
    [InlineData("ndak", false)]
    [InlineData("engga", false)]
    [InlineData("gak", false)]
    public void The_yes_and_no_answers_owners_were_refused_are_read(string text, bool expected)
    {
        Assert.True(YesNoParser.TryParse(text, out var yes), text);
        Assert.Equal(expected, yes);
    }

    [Theory]
    [InlineData("200 jutaan", "id", 200_000_000L, true)]
    [InlineData("sekitar 200jt", "id", 200_000_000L, true)]
    [InlineData("dua juta", "id", 2_000_000L, false)]
    [InlineData("480m", "en", 480_000_000L, false)]
    [InlineData("25 million", "en", 25_000_000L, false)]
    [InlineData("1.5 billion", "en", 1_500_000_000L, false)]
    public void The_amounts_owners_were_refused_or_misread_are_read(string text, string language, long rupiah, bool approximate)
    {
        Assert.True(MoneyParser.TryRead(text, language, out var reading), text);
        Assert.Equal(new MoneyReading(rupiah, approximate, MoneyPeriod.None), reading);
    }

    [Fact]
    public void A_per_month_amount_is_read_with_its_period_for_the_engine_to_convert_and_say_back()
    {
        Assert.True(MoneyParser.TryRead("15jt sebulan", Languages.Indonesian, out var reading));
        Assert.Equal(new MoneyReading(15_000_000, false, MoneyPeriod.Month), reading);
    }

    [Fact]
    public void Two_people_and_alone_are_read_as_counts()
    {
        Assert.True(CountParser.TryRead("2 orang", out var two));
        Assert.Equal(2, two.Count);
        Assert.True(CountParser.TryRead("sendiri", out var alone));
        Assert.True(alone.SelfOnly);
    }

    [Theory]
    [InlineData("makanan")]
    [InlineData("kuliner")]
    public void Food_words_pick_the_food_sector(string text)
    {
        ChoiceCandidate[] sectors =
        [
            new("food", ["Makanan & minuman", "Food & drink"], []),
            new("trade", ["Perdagangan", "Trade"], []),
            new("services", ["Jasa", "Services"], []),
        ];

        var match = ChoiceMatcher.Match(text, sectors);

        Assert.True(match.IsOne);
        Assert.Equal("food", sectors[match.Index].Value);
    }

    [Fact]
    public void Surabaya_is_in_jawa_timur()
    {
        Assert.Equal("Jawa Timur", Places.Find("surabaya").Province.Name);
    }
}
