using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class YesNoParserTests
{
    [Theory]
    [InlineData("ya")]
    [InlineData("y")]
    [InlineData("iya")]
    [InlineData("yes")]
    [InlineData("ok")]
    [InlineData("oke")]
    [InlineData("betul")]
    [InlineData("benar")]
    [InlineData("sudah")]
    [InlineData("pernah")]
    [InlineData("punya")]
    [InlineData("ada")]
    [InlineData("YA")]
    [InlineData("  Iya  ")]
    [InlineData("Ya!")]
    [InlineData("sudah.")]
    [InlineData("Benar?!")]
    [InlineData("ok ...")]
    public void Yes_no_parser_understands_yes(string text)
    {
        Assert.True(YesNoParser.TryParse(text, out var yes));
        Assert.True(yes);
    }

    [Theory]
    [InlineData("tidak")]
    [InlineData("tdk")]
    [InlineData("gak")]
    [InlineData("nggak")]
    [InlineData("ga")]
    [InlineData("enggak")]
    [InlineData("no")]
    [InlineData("n")]
    [InlineData("bukan")]
    [InlineData("belum")]
    [InlineData("tidak ada")]
    [InlineData("ngga")]
    [InlineData("TIDAK")]
    [InlineData("Tidak  Ada.")]
    [InlineData(" belum! ")]
    [InlineData("No.")]
    public void Yes_no_parser_understands_no(string text)
    {
        Assert.True(YesNoParser.TryParse(text, out var yes));
        Assert.False(yes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("mungkin")]
    [InlineData("ya tidak")]
    [InlineData("yaa")]
    [InlineData("tidak tahu")]
    [InlineData("belum ada")]
    [InlineData("ya, sudah punya sejak tahun lalu")]
    [InlineData("y-a")]
    [InlineData("1")]
    [InlineData("ya,")]
    public void Yes_no_parser_refuses_anything_else(string text)
    {
        Assert.False(YesNoParser.TryParse(text, out _));
    }
}
