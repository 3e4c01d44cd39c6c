using System.Text;

namespace ChatAssistant.Dialogs.Texts;

/// <summary>One text in every language a dialog declares. A missing language falls back to Bahasa Indonesia.</summary>
public sealed class LocalizedText
{
    private readonly TextTemplate? _indonesian;
    private readonly TextTemplate? _english;

    public LocalizedText(IReadOnlyDictionary<string, TextTemplate> byLanguage)
    {
        ByLanguage = byLanguage;
        _indonesian = byLanguage.GetValueOrDefault(Languages.Indonesian);
        _english = byLanguage.GetValueOrDefault(Languages.English);
    }

    public IReadOnlyDictionary<string, TextTemplate> ByLanguage { get; }

    public static LocalizedText Of(string indonesian, string english) => new(new Dictionary<string, TextTemplate>
    {
        [Languages.Indonesian] = TextTemplate.Parse(indonesian),
        [Languages.English] = TextTemplate.Parse(english),
    });

    public TextTemplate For(string language) =>
        (language == Languages.English ? _english ?? _indonesian : _indonesian ?? _english)
        ?? ByLanguage.Values.First();

    public void AppendTo(StringBuilder target, string language, IPlaceholderResolver resolver) =>
        For(language).AppendTo(target, resolver);

    /// <summary>For texts without placeholders (button labels, titles).</summary>
    public string Plain(string language) => For(language).Source;
}
