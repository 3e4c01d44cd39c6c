using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;

namespace ChatAssistant.Broadcasts;

/// <summary>What an owner receives: the operator's text in their language, and one line on how to stop announcements.</summary>
internal static class AnnouncementText
{
    /// <summary>Room left for the operator's text in one Telegram message (4,096) after the footer.</summary>
    public const int MaxLength = 3800;

    public static string Footer(string language) => language == Languages.English
        ? "Don't want these announcements? Type /stop (your services keep working)."
        : "Tidak ingin menerima pengumuman? Ketik /berhenti (layanan tetap bisa dipakai).";

    public static string Compose(string textIndonesian, string? textEnglish, string language)
    {
        // An English reader of an announcement written only in Indonesian gets it whole in Indonesian.
        var english = language == Languages.English && !string.IsNullOrWhiteSpace(textEnglish);
        return (english ? textEnglish! : textIndonesian).TrimEnd() + "\n\n" + Footer(english ? Languages.English : Languages.Indonesian);
    }
}
