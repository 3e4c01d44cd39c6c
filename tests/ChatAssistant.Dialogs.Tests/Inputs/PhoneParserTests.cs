using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class PhoneParserTests
{
    [Theory]
    [InlineData("0812-3456-7890", "+6281234567890")]
    [InlineData("0812 3456 7890", "+6281234567890")]
    [InlineData("+62 812 3456 7890", "+6281234567890")]
    [InlineData("6281234567890", "+6281234567890")]
    [InlineData("(0812) 34567890", "+6281234567890")]
    [InlineData("081234567890", "+6281234567890")]
    [InlineData("  081234567890  ", "+6281234567890")]
    [InlineData("+62-812-3456-7890", "+6281234567890")]
    [InlineData("+62 (0)812 3456 7890", "+6281234567890")]
    [InlineData("0812.3456.7890", "+6281234567890")]
    [InlineData("81234567890", "+6281234567890")]
    [InlineData("0812345678", "+62812345678")]
    [InlineData("0812345678901", "+62812345678901")]
    [InlineData("+62 857 1234 5678", "+6285712345678")]
    [InlineData("0895-1234-5678", "+6289512345678")]
    public void Phone_parser_normalises_mobiles_to_e164(string text, string expected)
    {
        Assert.True(PhoneParser.TryParse(text, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+")]
    [InlineData("0")]
    [InlineData("08")]
    [InlineData("021-1234567")]
    [InlineData("(021) 5551234")]
    [InlineData("+62 21 5551234")]
    [InlineData("0274 123456")]
    [InlineData("081234567")]
    [InlineData("08123456789012")]
    [InlineData("+6281234567890123")]
    [InlineData("0812-3456-789O")]
    [InlineData("nomor saya 081234567890")]
    [InlineData("+1 812 345 6789")]
    [InlineData("+65 8123 4567")]
    [InlineData("0812+34567890")]
    [InlineData("0812/3456/7890")]
    [InlineData("123456789012345678")]
    public void Phone_parser_refuses_landlines_foreign_and_malformed_numbers(string text)
    {
        Assert.False(PhoneParser.TryParse(text, out var e164));
        Assert.Equal(string.Empty, e164);
    }

    [Theory]
    [InlineData("+6281234567890", "+62812****7890")]
    [InlineData("+62812345678", "+62812**5678")]
    [InlineData("+628123456789012", "+62812******9012")]
    [InlineData("+628123456", "**********")]
    [InlineData("", "")]
    public void Phone_parser_masks_the_middle_for_logs(string e164, string expected)
    {
        Assert.Equal(expected, PhoneParser.Mask(e164));
    }
}
