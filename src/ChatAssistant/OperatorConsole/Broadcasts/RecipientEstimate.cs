using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// Who a segment reaches now, as the compose page shows it while the operator edits the filters.
/// </summary>
/// <param name="Segment">The canonical filter text (empty: everyone), as the broadcast would store it.</param>
/// <param name="Recipients">Owners who would get it now.</param>
/// <param name="OutsideWindow">Of them, WhatsApp owners outside the 24-hour window now: not sent, counted outside_window.</param>
/// <param name="LeftOut">Owners the filters match who are not reachable, by reason.</param>
/// <param name="Problems">Filters that cannot be read or that no owner has; the segment is not usable while there are any.</param>
/// <param name="Reachable">Owners any broadcast could reach now (on a chat app, not opted out, not blocked).</param>
internal sealed record RecipientEstimate(
    string Segment,
    int Recipients,
    int OutsideWindow,
    SegmentExclusions LeftOut,
    IReadOnlyList<Said> Problems,
    int Reachable)
{
    public bool IsUsable => Problems.Count == 0;

    /// <summary>Why nobody would get it, plainly; empty when somebody would (or the filters have problems, said on their own).</summary>
    public IReadOnlyList<Said> WhyNobody()
    {
        if (!IsUsable || Recipients > 0)
        {
            return [];
        }

        var why = new List<Said>();
        if (LeftOut.Total > 0)
        {
            why.Add(new(
                "Semua pemilik usaha yang cocok dengan filter ini tidak bisa menerima siaran. " + LeftOut.Describe(Languages.Indonesian),
                "Every owner these filters match is out of reach. " + LeftOut.Describe(Languages.English)));
        }

        if (Reachable == 0)
        {
            why.Add(new(
                "Belum ada pemilik usaha yang bisa dihubungi lewat Telegram atau WhatsApp: siaran hanya sampai ke pemilik usaha yang pernah menulis ke asisten di aplikasi chat (bukan chat terminal).",
                "No owner can be reached on Telegram or WhatsApp yet: announcements reach only owners who have written to the assistant on a chat app (not the terminal chat)."));
        }
        else if (LeftOut.Total == 0)
        {
            why.Add(new(
                $"Tidak ada pemilik usaha yang cocok dengan semua filter sekaligus ({Segment}). Dari {Reachable} pemilik usaha yang bisa dihubungi, tidak satu pun memenuhi semuanya; kurangi atau longgarkan filter.",
                $"No owner matches all the filters at once ({Segment}). Of the {Reachable} owners who can be reached, none meets them all; remove or widen a filter."));
        }

        return why;
    }
}
