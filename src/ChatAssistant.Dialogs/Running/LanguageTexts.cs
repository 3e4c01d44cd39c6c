using System.Runtime.CompilerServices;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// The Indonesian side of <see cref="SystemTexts.Pick(string, ref IndonesianText, ref EnglishText)"/>: an
/// interpolated text that is only built when the owner's language is Indonesian. A plain interpolated string
/// would be built for both languages on every message and one thrown away.
/// </summary>
[InterpolatedStringHandler]
internal ref struct IndonesianText
{
    private DefaultInterpolatedStringHandler _text;

    public IndonesianText(int literalLength, int formattedCount, string language, out bool shouldAppend)
    {
        shouldAppend = language != Languages.English;
        _text = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}

/// <summary>The English side of <see cref="SystemTexts.Pick(string, ref IndonesianText, ref EnglishText)"/>: built only in English.</summary>
[InterpolatedStringHandler]
internal ref struct EnglishText
{
    private DefaultInterpolatedStringHandler _text;

    public EnglishText(int literalLength, int formattedCount, string language, out bool shouldAppend)
    {
        shouldAppend = language == Languages.English;
        _text = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(ReadOnlySpan<char> value) => _text.AppendFormatted(value);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
