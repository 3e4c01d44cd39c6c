using ChatAssistant.Reminders;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Reminders;

public sealed class ExportRecheckReminderTests_Sqlite() : ExportRecheckReminderTests(StorageProviderKind.Sqlite)
{
}

public sealed class ExportRecheckReminderTests_Postgres() : ExportRecheckReminderTests(StorageProviderKind.Postgres)
{
}

/// <summary>
/// The invitation to check export readiness again, on a real writer and database with a fake clock: 30 days after a
/// completed check, once, with that check's date and score; never for a check the owner has since taken again.
/// </summary>
public abstract class ExportRecheckReminderTests : StorageMatrix
{
    private protected ExportRecheckReminderTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task Thirty_days_after_a_check_the_owner_is_invited_once_to_check_again_with_its_date_and_score()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await CompleteCheckAsync(host, "owner", "ya");
        await host.Scheduler.RunOnceAsync();
        host.Deliver();

        host.Time.Advance(TimeSpan.FromDays(29));
        await host.Scheduler.RunOnceAsync();
        Assert.Empty(host.Reminders("owner"));

        host.Time.Advance(TimeSpan.FromDays(1));
        await host.Scheduler.RunOnceAsync();
        var invitation = Assert.Single(host.Reminders("owner"));
        Assert.Contains("23 November 2026", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("skor 100", invitation.Text, StringComparison.Ordinal);
        var button = Assert.Single(invitation.Buttons);
        Assert.Equal(("Cek lagi", "/ekspor"), (button.Label, button.Data));
        host.Deliver();

        host.Time.Advance(TimeSpan.FromDays(1));
        await host.Scheduler.RunOnceAsync();
        Assert.Single(host.Reminders("owner"));
        Assert.Equal(1, Db.Count("SELECT COUNT(*) FROM reminders"));

        // The button starts a new check, whose result compares with the one invited about.
        var again = await host.TapAsync("owner", button);
        Assert.Contains("Mari cek kesiapan usaha", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_who_checked_again_meanwhile_is_not_invited_about_the_older_check()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await CompleteCheckAsync(host, "owner", "belum");
        await host.Scheduler.RunOnceAsync();

        host.Time.Advance(TimeSpan.FromDays(10));
        await CompleteCheckAsync(host, "owner", "ya");
        host.Deliver();

        host.Time.Advance(TimeSpan.FromDays(20)); // the first check's invitation is due
        await host.Scheduler.RunOnceAsync();
        Assert.Empty(host.Reminders("owner"));
        Assert.Equal("checked_again", Db.Text("SELECT reason FROM reminders WHERE state = 'cancelled'"));

        host.Time.Advance(TimeSpan.FromDays(10)); // the second's
        await host.Scheduler.RunOnceAsync();
        var invitation = Assert.Single(host.Reminders("owner"));
        Assert.Contains("3 Desember 2026", invitation.Text, StringComparison.Ordinal);
        var score = Db.Text("SELECT value FROM answers WHERE key = 'readiness_score' AND conversation_id = (SELECT MAX(id) FROM conversations)")!;
        Assert.NotEqual("n:0", score); // the newer check's score, not the first's
        Assert.Contains("skor " + score[2..], invitation.Text, StringComparison.Ordinal);
        Assert.Equal(2, Db.Count("SELECT COUNT(*) FROM reminders"));
    }

    [Fact]
    public async Task An_owner_who_read_the_score_and_left_the_see_all_question_unanswered_is_invited_too()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        await host.SendAsync("owner", "kerajinan");
        var reply = await host.SendAsync("owner", "belum");
        for (var turn = 0; turn < 40 && !reply.Text.Contains("Lihat semua langkah?", StringComparison.Ordinal); turn++)
        {
            reply = await host.SendAsync("owner", "belum");
        }

        Assert.Contains("Skor kesiapan ekspor Bapak/Ibu: ", reply.Text, StringComparison.Ordinal);
        host.Deliver();
        await host.Scheduler.RunOnceAsync();

        host.Time.Advance(TimeSpan.FromDays(30));
        await host.Scheduler.RunOnceAsync();
        var invitation = Assert.Single(host.Reminders("owner"), m => m.Buttons is [{ Label: "Cek lagi" }]);
        Assert.Contains("23 November 2026", invitation.Text, StringComparison.Ordinal);
        var score = Db.Text("SELECT value FROM answers WHERE key = 'readiness_score'")!;
        Assert.Contains("skor " + score[2..], invitation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_left_unfinished_is_no_reason_to_check_again()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/ekspor");
        await host.SendAsync("owner", "kerajinan");

        host.Time.Advance(TimeSpan.FromDays(30));
        await host.Scheduler.RunOnceAsync();

        Assert.Equal(0, Db.Count($"SELECT COUNT(*) FROM reminders WHERE kind = '{ReminderKinds.ExportRecheck}'"));
    }

    [Fact]
    public async Task The_invitation_writes_the_date_and_score_in_the_owners_language()
    {
        await using var host = await ResumeHost.StartAsync(Db);
        await host.SendAsync("owner", "/language en");
        await CompleteCheckAsync(host, "owner", "no");
        await host.Scheduler.RunOnceAsync();

        host.Time.Advance(TimeSpan.FromDays(30));
        await host.Scheduler.RunOnceAsync();
        var invitation = Assert.Single(host.Reminders("owner"));
        Assert.Contains("23 November 2026", invitation.Text, StringComparison.Ordinal);
        Assert.Contains("scored 0", invitation.Text, StringComparison.Ordinal);
        Assert.Equal(("Check again", "/ekspor"), (invitation.Buttons[0].Label, invitation.Buttons[0].Data));
    }

    /// <summary>A whole check of a craft business, each item answered <paramref name="answer"/>, to its end.</summary>
    private async Task CompleteCheckAsync(ResumeHost host, string chatId, string answer)
    {
        var before = Db.Count("SELECT COUNT(*) FROM conversations WHERE dialog_id = 'export-readiness' AND status = 2");
        await host.SendAsync(chatId, "/ekspor");
        await host.SendAsync(chatId, "kerajinan");
        for (var turn = 0; turn < 40 && Db.Count("SELECT COUNT(*) FROM conversations WHERE dialog_id = 'export-readiness' AND status = 2") == before; turn++)
        {
            var reply = await host.SendAsync(chatId, answer);
            if (reply.Text.Contains("5 langkah pertama", StringComparison.Ordinal) || reply.Text.Contains("first 5 steps", StringComparison.Ordinal))
            {
                await host.SendAsync(chatId, answer == "no" ? "done" : "selesai");
            }
        }

        Assert.Equal(before + 1, Db.Count("SELECT COUNT(*) FROM conversations WHERE dialog_id = 'export-readiness' AND status = 2"));
        host.Deliver(); // as a sender would: replies are not merged into older ones
    }
}
