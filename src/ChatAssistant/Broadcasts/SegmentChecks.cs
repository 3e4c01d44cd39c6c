using ChatAssistant.Dialogs;
using ChatAssistant.Shared;

namespace ChatAssistant.Broadcasts;

/// <summary>
/// Filter values that no owner has, so that the segment is empty whatever else it says ("sektor=makanan" where
/// the dialogs save "food"), or that name a programme that does not exist (where "not registered for" would
/// silently mean everyone): the operator is told, in their language, what values there are, with the likeliest one.
/// </summary>
internal static class SegmentChecks
{
    /// <param name="programmes">The training catalogue's programme ids.</param>
    public static IReadOnlyList<string> Problems(BroadcastStore store, BroadcastSegment segment, string language, IReadOnlyCollection<string> programmes)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Problems(store.Segments, segment, language, programmes);
    }

    /// <param name="store">The owners' values, read on the writer's session or a reading connection of the caller's.</param>
    /// <param name="programmes">The training catalogue's programme ids.</param>
    public static IReadOnlyList<string> Problems(SegmentReader store, BroadcastSegment segment, string language, IReadOnlyCollection<string> programmes)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(programmes);
        var english = language == Languages.English;
        var problems = new List<string>();
        if (segment.Sectors.Count > 0)
        {
            var known = store.KnownSectors();
            foreach (var sector in segment.Sectors.Where(s => !known.Contains(s)))
            {
                var hint = Hint(sector, known);
                problems.Add(english
                    ? $"No owner has the sector \"{sector}\"{hint}. Sectors owners have: {List(known)}."
                    : $"Belum ada pemilik usaha dengan sektor \"{sector}\"{hint}. Sektor yang ada: {List(known)}.");
            }
        }

        if (segment.OutcomeDialog is { } dialog)
        {
            var known = store.OutcomesOf(dialog);
            if (known.Count == 0)
            {
                var dialogs = store.DialogsWithOutcomes();
                var hint = Hint(dialog, dialogs);
                problems.Add(english
                    ? $"No conversation of the dialog \"{dialog}\"{hint} has ended with an outcome yet. Dialogs with outcomes: {List(dialogs)}."
                    : $"Belum ada percakapan dialog \"{dialog}\"{hint} yang selesai dengan hasil. Dialog yang sudah punya hasil: {List(dialogs)}.");
            }
            else if (!known.Contains(segment.Outcome!))
            {
                var hint = Hint(segment.Outcome!, known);
                problems.Add(english
                    ? $"No conversation of {dialog} has ended with \"{segment.Outcome}\"{hint}. Outcomes so far: {List(known)}."
                    : $"Belum ada percakapan {dialog} yang berakhir dengan hasil \"{segment.Outcome}\"{hint}. Hasil yang ada: {List(known)}.");
            }
        }

        if (segment.AnswerKey is { } key)
        {
            var values = store.AnswerValues(key, segment.AnswerValue!);
            if (values.Count == 0)
            {
                var keys = store.AnswerKeys();
                var hint = Hint(key, keys);
                problems.Add(english
                    ? $"No owner has an answer saved under \"{key}\"{hint}. Keys with answers: {List(keys)}."
                    : $"Belum ada jawaban yang tersimpan dengan kunci \"{key}\"{hint}. Kunci yang ada: {List(keys)}.");
            }
            else if (!values.Contains(segment.AnswerValue!))
            {
                var hint = Hint(segment.AnswerValue!, values);
                problems.Add(english
                    ? $"No owner answered {key} with \"{segment.AnswerValue}\"{hint}. Answers so far: {List(values)}."
                    : $"Belum ada pemilik usaha yang menjawab {key} dengan \"{segment.AnswerValue}\"{hint}. Jawaban yang ada: {List(values)}.");
            }
        }

        if (segment.Channel is { } channel && !store.HasOwnersOn(channel))
        {
            problems.Add(english
                ? $"No owner has written to the assistant on {channel} yet."
                : $"Belum ada pemilik usaha yang menghubungi asisten lewat {channel}.");
        }

        var registered = segment.RegisteredFor is null && segment.NotRegisteredFor is null
            ? []
            : store.ProgrammesWithRegistrations();
        if (segment.RegisteredFor is { } program && !registered.Contains(program))
        {
            var hint = Hint(program, registered.Union(programmes));
            problems.Add(english
                ? $"Nobody is registered for \"{program}\"{hint}. Programmes with registrations: {List(registered)}."
                : $"Belum ada yang terdaftar di program \"{program}\"{hint}. Program yang sudah ada pendaftarnya: {List(registered)}.");
        }

        if (segment.NotRegisteredFor is { } other && !registered.Contains(other) && !programmes.Contains(other))
        {
            // "Not registered for" a programme that does not exist would be everyone: refuse the likely typo.
            var all = registered.Union(programmes).ToHashSet(StringComparer.Ordinal);
            var hint = Hint(other, all);
            problems.Add(english
                ? $"There is no programme \"{other}\"{hint}. Programmes: {List(all)}."
                : $"Tidak ada program \"{other}\"{hint}. Program yang ada: {List(all)}.");
        }

        return problems;

        // A list an operator can read in a chat: the first values in order, and how many there are in all.
        string List(IEnumerable<string> values)
        {
            var all = values.Order(StringComparer.Ordinal).ToList();
            return all.Count switch
            {
                0 => "-",
                <= 20 => string.Join(", ", all),
                _ => string.Join(", ", all.Take(20)) + (english ? $", ... ({all.Count} in all)" : $", ... ({all.Count} semuanya)"),
            };
        }

        string Hint(string written, IEnumerable<string> candidates) => Closest.Hint(Closest.To(written, candidates), english);
    }
}
