using System.Globalization;

namespace ChatAssistant.Dialogs;

/// <summary>The languages owners can choose. Bahasa Indonesia is the default.</summary>
public static class Languages
{
    public const string Indonesian = "id";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Indonesian, English];

    private static readonly CultureInfo IndonesianCulture = CultureInfo.GetCultureInfo("id-ID");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsKnown(string? language) => language is Indonesian or English;

    /// <summary>Maps what an owner or a config file says ("EN", "english", "indonesia") to a known code, or null.</summary>
    public static string? Normalize(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        "id" or "ind" or "indonesia" or "indonesian" or "bahasa" or "bahasa indonesia" => Indonesian,
        "en" or "eng" or "english" or "inggris" => English,
        _ => null,
    };

    public static CultureInfo Culture(string language) => language == English ? EnglishCulture : IndonesianCulture;
}
