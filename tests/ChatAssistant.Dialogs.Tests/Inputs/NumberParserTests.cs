using System.Globalization;
using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class NumberParserTests
{
    [Theory]
    [InlineData("12", 12L)]
    [InlineData(" 12 ", 12L)]
    [InlineData("0", 0L)]
    [InlineData("007", 7L)]
    [InlineData("1.200", 1_200L)]
    [InlineData("1,200", 1_200L)]
    [InlineData("1.200.000", 1_200_000L)]
    [InlineData("1,200,000", 1_200_000L)]
    [InlineData("-3", -3L)]
    [InlineData("+3", 3L)]
    [InlineData("-1.200", -1_200L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Number_parser_reads_integers_with_grouping(string text, long expected)
    {
        Assert.True(NumberParser.TryParseInteger(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-")]
    [InlineData("abc")]
    [InlineData("12 orang")]
    [InlineData("dua belas")]
    [InlineData("1,5")]
    [InlineData("1.5")]
    [InlineData("1.234,5")]
    [InlineData("1.20")]
    [InlineData("1.2000")]
    [InlineData("12.00.000")]
    [InlineData("1..200")]
    [InlineData(".200")]
    [InlineData("200.")]
    [InlineData("--3")]
    [InlineData("- 3")]
    [InlineData("1 2")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    public void Number_parser_refuses_non_integers(string text)
    {
        Assert.False(NumberParser.TryParseInteger(text, out _));
    }

    [Theory]
    [InlineData("1,5", "1.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("12", "12")]
    [InlineData("1.234", "1234")]
    [InlineData("0,25", "0.25")]
    [InlineData("2.25", "2.25")]
    [InlineData("1,2345", "1.2345")]
    [InlineData(" -1,5 ", "-1.5")]
    [InlineData("1234,5", "1234.5")]
    public void Number_parser_reads_decimals_with_either_separator(string text, string expected)
    {
        Assert.True(NumberParser.TryParseDecimal(text, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("satu koma lima")]
    [InlineData("1,5,5")]
    [InlineData("1.234.5")]
    [InlineData("1,2.3,4")]
    [InlineData("1.23,4.5")]
    [InlineData("1,5%")]
    [InlineData(",5")]
    [InlineData("5,")]
    [InlineData("12345678901234567890123456789")]
    public void Number_parser_refuses_malformed_decimals(string text)
    {
        Assert.False(NumberParser.TryParseDecimal(text, out _));
    }
}
