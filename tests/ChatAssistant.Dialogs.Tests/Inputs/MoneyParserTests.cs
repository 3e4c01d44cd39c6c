using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class MoneyParserTests
{
    [Theory]
    [InlineData("15000000", 15_000_000L)]
    [InlineData("15.000.000", 15_000_000L)]
    [InlineData("15,000,000", 15_000_000L)]
    [InlineData("  15.000.000  ", 15_000_000L)]
    [InlineData("15.000", 15_000L)]
    [InlineData("0", 0L)]
    [InlineData("15.000.000,00", 15_000_000L)]
    [InlineData("15,000,000.00", 15_000_000L)]
    [InlineData("15.000.000.", 15_000_000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Money_parser_understands_plain_and_grouped_amounts(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("Rp15.000.000", 15_000_000L)]
    [InlineData("Rp 15.000.000", 15_000_000L)]
    [InlineData("Rp. 15.000.000,-", 15_000_000L)]
    [InlineData("RP.15.000.000,-", 15_000_000L)]
    [InlineData("15.000.000,-", 15_000_000L)]
    [InlineData("15.000.-", 15_000L)]
    [InlineData("rp 15jt", 15_000_000L)]
    [InlineData("IDR 2.500.000", 2_500_000L)]
    [InlineData("15.000 rupiah", 15_000L)]
    [InlineData("15 juta rupiah", 15_000_000L)]
    public void Money_parser_ignores_currency_decorations(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("15 juta", 15_000_000L)]
    [InlineData("15jt", 15_000_000L)]
    [InlineData("15 jt", 15_000_000L)]
    [InlineData("15 JUTA", 15_000_000L)]
    [InlineData("15 Jt.", 15_000_000L)]
    [InlineData("1,5 juta", 1_500_000L)]
    [InlineData("1.5 juta", 1_500_000L)]
    [InlineData("2.25 juta", 2_250_000L)]
    [InlineData("1.500 juta", 1_500_000_000L)]
    [InlineData("1,500 juta", 1_500_000_000L)]
    [InlineData("1,5 M", 1_500_000_000L)]
    [InlineData("1,5 m", 1_500_000_000L)]
    [InlineData("1,5 miliar", 1_500_000_000L)]
    [InlineData("2 milyar", 2_000_000_000L)]
    [InlineData("2 M", 2_000_000_000L)]
    [InlineData("2M", 2_000_000_000L)]
    [InlineData("2 Miliar", 2_000_000_000L)]
    [InlineData("2 triliun", 2_000_000_000_000L)]
    [InlineData("1,25 T", 1_250_000_000_000L)]
    [InlineData("0,5 juta", 500_000L)]
    public void Money_parser_understands_juta_and_miliar(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("500 ribu", 500_000L)]
    [InlineData("500ribu", 500_000L)]
    [InlineData("500rb", 500_000L)]
    [InlineData("500 rb", 500_000L)]
    [InlineData("500k", 500_000L)]
    [InlineData("500K", 500_000L)]
    [InlineData("2,5 rb", 2_500L)]
    [InlineData("1,2345 rb", 1_235L)]
    [InlineData("1,2344 rb", 1_234L)]
    [InlineData("1,2345678 juta", 1_234_568L)]
    public void Money_parser_understands_ribu_and_rounds_to_the_nearest_rupiah(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Rp")]
    [InlineData("Rp.")]
    [InlineData("juta")]
    [InlineData("-15000")]
    [InlineData("Rp -15.000")]
    [InlineData("-15 juta")]
    [InlineData("lima belas juta")]
    [InlineData("abc")]
    [InlineData("15 juta 3")]
    [InlineData("15 20")]
    [InlineData("15.000 - 20.000")]
    [InlineData("15 juta 500 ribu")]
    [InlineData("1,5")]
    [InlineData("2.25")]
    [InlineData("15.000,5")]
    [InlineData("15 jutaan")]
    [InlineData("15 dolar")]
    [InlineData("1.50.000")]
    [InlineData("1500.000")]
    [InlineData("15..000")]
    [InlineData("15.000.000,")]
    [InlineData(",5 juta")]
    [InlineData("1.000,000.5")]
    [InlineData("9223372036854775808")]
    [InlineData("10000000 triliun")]
    [InlineData("99999999999999999999999999999999 juta")]
    [InlineData("15 000 000")]
    [InlineData("１５０００")]
    public void Money_parser_refuses_what_it_cannot_read_with_certainty(string text)
    {
        Assert.False(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(0, rupiah);
    }
}
