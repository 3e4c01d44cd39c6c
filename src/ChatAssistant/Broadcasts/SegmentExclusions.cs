using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Shared;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Owners a segment's filters match who will not get the announcement, by reason, so that an operator who
/// expected more recipients learns why instead of reading a bare count.
/// </summary>
/// <param name="Terminal">Owners who only used the terminal chat (<c>chat</c> verb): the assistant cannot message them.</param>
/// <param name="OptedOut">Owners who turned announcements off with /berhenti.</param>
/// <param name="Unreachable">Owners the channel reported unreachable (they blocked the assistant).</param>
internal sealed record SegmentExclusions(int Terminal, int OptedOut, int Unreachable)
{
    public int Total => Terminal + OptedOut + Unreachable;

    /// <summary>One sentence naming every reason with its count; empty when nobody is left out.</summary>
    public string Describe(string language)
    {
        var english = language == Languages.English;
        var parts = new List<string>();
        if (Terminal > 0)
        {
            parts.Add(english
                ? $"{Counted.Of(Terminal, "owner")} who only used the terminal chat (announcements go to chat apps only)"
                : $"{Terminal} pemilik usaha yang hanya memakai chat terminal (pengumuman hanya lewat aplikasi chat)");
        }

        if (OptedOut > 0)
        {
            parts.Add(english
                ? $"{Counted.Of(OptedOut, "owner")} who turned announcements off (/berhenti)"
                : $"{OptedOut} pemilik usaha yang mematikan pengumuman (/berhenti)");
        }

        if (Unreachable > 0)
        {
            parts.Add(english
                ? $"{Counted.Of(Unreachable, "owner")} the chat app reports unreachable (they blocked the assistant)"
                : $"{Unreachable} pemilik usaha yang tidak bisa dihubungi (memblokir asisten)");
        }

        return parts.Count == 0
            ? string.Empty
            : (english ? "Left out: " : "Tidak termasuk: ") + string.Join(", ", parts) + ".";
    }
}
