using AngleSharp.Dom;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Reminders;
using ChatAssistant.Tests.Reminders;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The dashboard's reminders card in the real worker over HTTP, read with an HTML parser: the totals and each kind
/// with how many are scheduled (queued ones included), sent, skipped and cancelled, as 'report reminders' counts them.
/// </summary>
public sealed class DashboardReminderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_reminders_card_counts_each_kind_scheduled_sent_skipped_and_cancelled()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        using (var db = StorageTarget.Sqlite(_folder.DatabasePath))
        {
            ReminderSeed.Standard(db); // 2 scheduled, 1 queued, 1 skipped, 1 sent
            ReminderSeed.Write(db, store =>
            {
                var userId = db.Count("SELECT MIN(user_id) FROM reminders");
                ReminderSeed.Add(store, userId, ReminderKind.TrainingIn3Days, "BTK-1AA", ReminderSeed.At(2026, 12, 9, 9));
                store.CancelScheduled(userId, "BTK-1AA", ReminderReasons.RegistrationCancelled, ReminderSeed.Now.ToUnixTimeMilliseconds(), ReminderKind.TrainingIn3Days);
            });
        }

        await worker.SignInAsync(_folder);

        var page = await worker.PageAsync(ConsolePaths.Root);

        var card = page.GetElementById("pengingat")!;
        Assert.Equal("Pengingat (reminders)", card.QuerySelector("h2")!.TextContent);
        var totals = page.GetElementById("pengingat-jumlah")!;
        Assert.Equal(
            [("scheduled", "3"), ("sent", "1"), ("skipped", "1"), ("cancelled", "1")],
            totals.QuerySelectorAll("dd").Select(d => (d.GetAttribute("data-count")!, d.TextContent)));
        var rows = page.GetElementById("pengingat-per-jenis")!.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(ReminderKinds.All.Select(k => k.Name()), rows.Select(r => r.GetAttribute("data-kind")));
        Assert.Equal(
            [
                ["Pelatihan, 3 hari sebelumnya (training_3d)", "1", "0", "0", "1"],
                ["Pelatihan, 1 hari sebelumnya (training_1d)", "1", "0", "0", "0"],
                ["Pelatihan, tanya kesan sesudahnya (training_followup)", "0", "0", "0", "0"],
                ["Batas pendaftaran program (deadline)", "1", "0", "0", "0"],
                ["Dialog yang belum selesai (unfinished)", "0", "0", "1", "0"],
                ["Cek kesiapan ekspor lagi (export_recheck)", "0", "1", "0", "0"],
            ],
            rows.Select(Cells));
    }

    [Fact]
    public async Task Without_reminders_the_card_shows_zeros_and_says_there_are_none_yet()
    {
        await using var worker = await ConsoleWorker.StartAsync(_folder);
        await worker.SignInAsync(_folder);

        var page = await worker.PageAsync(ConsolePaths.Root);

        Assert.All(page.GetElementById("pengingat-jumlah")!.QuerySelectorAll("dd"), d => Assert.Equal("0", d.TextContent));
        Assert.Null(page.GetElementById("pengingat-per-jenis"));
        Assert.Contains("Belum ada pengingat.", page.GetElementById("pengingat")!.TextContent, StringComparison.Ordinal);
    }

    private static string[] Cells(IElement row) =>
        row.Children.Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToArray();
}
