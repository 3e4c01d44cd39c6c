using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Loading;

/// <summary>
/// How a deployment addresses owners in Bahasa Indonesia: <c>{sapaan}</c> in a dialog's Indonesian texts reads
/// "Bapak/Ibu" unless the host is configured otherwise (e.g. "Kakak" for a young audience). English texts say "you".
/// </summary>
public static class Salutation
{
    public const string Key = "sapaan";
    public const string Default = "Bapak/Ibu";

    internal static LocalizedText Text(string indonesian) => LocalizedText.Of(Escape(indonesian), "you");

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
