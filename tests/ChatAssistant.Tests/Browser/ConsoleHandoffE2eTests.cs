using System.Text.RegularExpressions;
using ChatAssistant.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// An owner asks for a person on Telegram (the stand-in server) and an operator answers in the console in headless
/// Chromium: the request in the inbox, taken, a reply typed in the page that arrives at the stand-in Telegram server
/// as a message to that owner, and the owner handed back to the assistant.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleHandoffE2eTests(HeadlessChromium chromium) : ConsoleE2eTest
{
    private const long Owner = 3_001;
    private const string Question = "Bagaimana cara mengajukan KUR untuk warung saya?";

    [Fact]
    public async Task An_owner_asks_for_a_person_an_operator_takes_it_replies_in_the_browser_the_reply_reaches_telegram_and_the_owner_is_handed_back()
    {
        await Stand.OwnersWriteAsync("/petugas", "id", Owner);
        Assert.Contains(Stand.Telegram.Sent, m => m.ChatId == Owner && m.VisibleText.Contains("petugas", StringComparison.Ordinal));
        // Kept for a person, not answered by the assistant (within working hours): it is in the request's transcript.
        Stand.Telegram.EnqueueText(Owner, Question, languageCode: "id", firstName: "Pemilik");
        await Stand.WaitUntilAsync(() => Sql.Count(Stand.Folder.DatabasePath, "SELECT COUNT(*) FROM handoff_messages WHERE operator IS NULL") == 1, "the owner's question kept for the operator");

        var page = await Stand.SignInAsync(chromium);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Petugas", Exact = true }).ClickAsync();
        await NavigatedAsync(page, Stand.BaseUrl + "/console/petugas");
        var request = page.GetByRole(AriaRole.Row).Filter(new() { HasText = Question });
        await Expect(request).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, nameof(ConsoleHandoffE2eTests), "01-inbox");

        await request.GetByRole(AriaRole.Link).First.ClickAsync();
        await NavigatedAsync(page, PetugasDetail());
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Question })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, nameof(ConsoleHandoffE2eTests), "02-request");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = Take() }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = Send() })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, nameof(ConsoleHandoffE2eTests), "03-taken");

        const string Reply = "Selamat siang. Untuk KUR mikro, siapkan KTP, NIB dan catatan penjualan 6 bulan, lalu datang ke bank penyalur.";
        await page.GetByLabel(ReplyLabel()).FillAsync(Reply);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = Send() }).ClickAsync();

        var arrived = await Stand.WaitAsync(() => Stand.Telegram.Sent.FirstOrDefault(m => m.ChatId == Owner && m.VisibleText == Reply), "the operator's reply at the stand-in Telegram server");
        Assert.Equal(Owner, arrived.ChatId);
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Reply })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, nameof(ConsoleHandoffE2eTests), "04-replied");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = HandBack() }).ClickAsync();
        await Stand.WaitAsync(() => Stand.Telegram.Sent.FirstOrDefault(m => m.ChatId == Owner && m.VisibleText.StartsWith("Petugas sudah selesai", StringComparison.Ordinal)),
            "the note that the owner is back with the assistant");
        await Screenshots.SaveAsync(page, nameof(ConsoleHandoffE2eTests), "05-handed-back");

        // Back with the assistant: the owner's next message is answered by the dialogs again, not kept for a person.
        await Stand.OwnersWriteAsync("/bantuan", "id", Owner);
        await page.GotoAsync(Stand.BaseUrl + "/console/petugas");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = Question })).ToHaveCountAsync(0);

        await page.GotoAsync(Stand.BaseUrl + "/console/audit");
        foreach (var action in new[] { "handoff_taken", "handoff_reply_sent", "handoff_handed_back" })
        {
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = action })).ToHaveCountAsync(1);
        }

        await Screenshots.SaveAsync(page, nameof(ConsoleHandoffE2eTests), "06-audit");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"/console/petugas/\d+$")]
    private static partial Regex PetugasDetail();

    [GeneratedRegex("^Ambil permintaan")]
    private static partial Regex Take();

    [GeneratedRegex("^Kirim balasan")]
    private static partial Regex Send();

    [GeneratedRegex("^Balasan untuk pemilik")]
    private static partial Regex ReplyLabel();

    [GeneratedRegex("^Kembalikan ke asisten")]
    private static partial Regex HandBack();
}
