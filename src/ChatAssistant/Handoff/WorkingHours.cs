using System.Globalization;
using ChatAssistant.Shared;

namespace ChatAssistant.Handoff;

/// <summary>When someone answers owners who asked for a person: on <paramref name="Days"/>, from opening to closing, WIB.</summary>
internal sealed record WorkingHours(IReadOnlyCollection<DayOfWeek> Days, TimeSpan Opens, TimeSpan Closes)
{
    public bool IsOpen(DateTimeOffset now)
    {
        var local = now.ToOffset(Wib.Offset);
        return Days.Contains(local.DayOfWeek) && local.TimeOfDay >= Opens && local.TimeOfDay < Closes;
    }

    /// <summary>The next time someone answers, from <paramref name="now"/> (outside working hours), in WIB.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset now)
    {
        var local = now.ToOffset(Wib.Offset);
        for (var day = 0; day <= 7; day++)
        {
            var date = local.Date.AddDays(day);
            var opening = new DateTimeOffset(date + Opens, Wib.Offset);
            if (Days.Contains(date.DayOfWeek) && opening > local)
            {
                return opening;
            }
        }

        return local; // no working day at all is refused at start; never reached
    }

    /// <summary>"Petugas kami menjawab ... mulai Senin, 08.00 WIB.": the one note an owner gets outside working hours.</summary>
    public string Note(string language, DateTimeOffset now)
    {
        var next = NextOpening(now);
        var english = language == Dialogs.Languages.English;
        var time = next.ToString("HH.mm", CultureInfo.InvariantCulture);
        var day = english ? next.DayOfWeek.ToString() : Hari[(int)next.DayOfWeek];
        var when = next.Date == now.ToOffset(Wib.Offset).Date
            ? (english ? $"today at {time} WIB" : $"hari ini pukul {time} WIB")
            : (english ? $"{day} at {time} WIB" : $"{day} pukul {time} WIB");
        return english
            ? $"Our staff are not on duty right now. Someone will answer {when}; your messages are kept until then."
            : $"Petugas kami sedang tidak bertugas. Pesan Anda kami simpan dan akan dibalas {when}.";
    }

    private static readonly string[] Hari = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
}
