using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class InputTextTests
{
    [Theory]
    [InlineData("\u200D\u200D\u200D")]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u200C \u200D")]
    [InlineData("\uFE0F\uFE0F")]
    [InlineData(" \u200B\u200D\uFEFF\uFE0F \n ")]
    [InlineData("\u3164")]
    [InlineData("\u2800")]
    [InlineData("\uDB40\uDD00")]
    [InlineData("\u2060\u2061")]
    public void An_answer_of_only_invisible_characters_is_empty(string text)
    {
        Assert.Equal(string.Empty, InputText.Normalize(text));
    }

    [Theory]
    [InlineData("\u200B15 juta\u200B", "15 juta")]
    [InlineData("\uFEFFiya", "iya")]
    [InlineData("👍", "👍")]
    [InlineData("👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧")]
    [InlineData("❤\uFE0F", "❤\uFE0F")]
    public void Visible_text_keeps_its_joiners_and_loses_invisible_marks(string text, string expected)
    {
        Assert.Equal(expected, InputText.Normalize(text));
    }

    // Built in code: an attribute's strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
    public static TheoryData<string, string> LoneSurrogates => new()
    {
        { "\uD800", string.Empty },
        { "\uDC00", string.Empty },
        { "15 juta\uD83D", "15 juta" },
        { "\uDE00iya", "iya" },
        { "😀\uD800", "😀" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void Lone_surrogate_halves_are_dropped_and_pairs_kept(string text, string expected)
    {
        Assert.Equal(expected, InputText.Normalize(text));
    }
}
