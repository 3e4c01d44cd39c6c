using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class NikParserTests
{
    [Theory]
    [InlineData("3171011201900001", "3171011201900001")]
    [InlineData(" 3171011201900001 ", "3171011201900001")]
    [InlineData("3171 0112 0190 0001", "3171011201900001")]
    [InlineData("3171.0112.0190.0001", "3171011201900001")]
    [InlineData("31-71-01-120190-0001", "3171011201900001")]
    [InlineData("3171 - 011201 - 900001", "3171011201900001")]
    [InlineData("3171015201900001", "3171015201900001")]
    [InlineData("3171017112990001", "3171017112990001")]
    [InlineData("3171012902000001", "3171012902000001")]
    [InlineData("3171016902010001", "3171016902010001")]
    [InlineData("1101013101009999", "1101013101009999")]
    [InlineData("2171013103850001", "2171013103850001")]
    [InlineData("5171013004850001", "5171013004850001")]
    [InlineData("8271013004850001", "8271013004850001")]
    [InlineData("9171013004850001", "9171013004850001")]
    [InlineData("9371013004850001", "9371013004850001")]
    [InlineData("9771013004850001", "9771013004850001")]
    public void Nik_parser_accepts_plausible_numbers(string text, string expected)
    {
        Assert.True(NikParser.TryParse(text, out var nik, out var problem));
        Assert.Equal(expected, nik);
        Assert.Equal(NikProblem.None, problem);
    }

    [Theory]
    [InlineData("", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("317101120190001", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("31710112019000011", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("3171O11201900001", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("NIK 3171011201900001", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("3171/0112/0190/0001", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("-3171011201900001", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("3171011201900001.", nameof(NikProblem.NotSixteenDigits))]
    [InlineData("1071011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("2071011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("3771011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("5471011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("6671011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("7771011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("8371011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("9071011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("9871011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("0071011201900001", nameof(NikProblem.UnknownProvince))]
    [InlineData("3171010001900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171013201900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171014001900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171017201900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171011200900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171011213900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171013002900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171017002900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171013104900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171017111900001", nameof(NikProblem.ImplausibleBirthDate))]
    [InlineData("3171011201900000", nameof(NikProblem.ZeroSerial))]
    [InlineData("3171 0112 0190 0000", nameof(NikProblem.ZeroSerial))]
    public void Nik_parser_says_why_it_refuses(string text, string expected)
    {
        Assert.False(NikParser.TryParse(text, out var nik, out var problem));
        Assert.Equal(Enum.Parse<NikProblem>(expected), problem);
        Assert.Equal(string.Empty, nik);
    }

    [Theory]
    [InlineData("3171011201900001", "3171********0001")]
    [InlineData("1101014512990123", "1101********0123")]
    [InlineData("123456789", "1234*6789")]
    [InlineData("12345678", "********")]
    [InlineData("", "")]
    public void Nik_parser_masks_the_middle_for_logs(string nik, string expected)
    {
        Assert.Equal(expected, NikParser.Mask(nik));
    }
}
