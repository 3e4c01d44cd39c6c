using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Dialogs;

/// <summary>Dialog files changing under running conversations: pinned versions and hot reload.</summary>
public sealed class DialogVersionTests : IDisposable
{
    private const string Version1 = """
        id: shop
        version: 1
        languages: [id, en]
        title: {id: Toko, en: Shop}
        commands: [/toko]
        start: name
        steps:
          name:
            ask: {id: "Nama toko?", en: "Shop name?"}
          city:
            ask: {id: "Kota?", en: "City?"}
          done:
            end: {id: "Versi satu: {name}, {city}.", en: "Version one: {name}, {city}."}
        """;

    private static readonly string Version2 = Version1
        .Replace("version: 1", "version: 2", StringComparison.Ordinal)
        .Replace("Nama toko?", "Nama toko Anda?", StringComparison.Ordinal)
        .Replace("  city:\n    ask: {id: \"Kota?\", en: \"City?\"}", "  province:\n    ask: {id: \"Provinsi?\", en: \"Province?\"}", StringComparison.Ordinal)
        .Replace("Versi satu: {name}, {city}.", "Versi dua: {name}, {province}.", StringComparison.Ordinal)
        .Replace("Version one: {name}, {city}.", "Version two: {name}, {province}.", StringComparison.Ordinal);

    private readonly TempFolder _folder = new();

    private string DialogsFolder => Path.Combine(_folder.Path, "dialogs");

    private string[] Chat(string user) => ["chat", "--user", user, "--db", _folder.DatabasePath, "--dialogs", DialogsFolder];

    [Fact]
    public async Task A_conversation_finishes_on_its_version_across_a_file_change_and_a_restart()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        var first = await AssistantProcess.RunAsync("/toko\nSari\n", Chat("early"));
        Assert.EndsWith("Kota?", first.Output.TrimEnd(), StringComparison.Ordinal);

        _folder.File("dialogs/shop.yaml", Version2);
        var resumed = await AssistantProcess.RunAsync("Padang\n", Chat("early"));
        var fresh = await AssistantProcess.RunAsync("/toko\n", Chat("late"));

        Assert.Contains("Versi satu: Sari, Padang.", resumed.Output, StringComparison.Ordinal);
        Assert.EndsWith("Nama toko Anda?", fresh.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM dialog_versions WHERE dialog_id = 'shop'"));
    }

    [Fact]
    public async Task A_running_worker_serves_a_changed_file_within_two_seconds_and_keeps_the_previous_version_when_one_is_broken()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        await using var api = await FakeBotApi.StartAsync(TelegramWorker.Token);
        await using var worker = await TelegramWorker.StartAsync(api, _folder, DialogsFolder);
        api.EnqueueText(1, "/toko");
        Assert.Equal("Nama toko?", (await api.WaitForSentAsync(1, null, TimeSpan.FromSeconds(10))).Text);

        _folder.File("dialogs/shop.yaml", Version2);
        var changedAt = DateTime.UtcNow;
        var chat = 2L;
        while (true)
        {
            api.EnqueueText(chat, "/toko");
            var reply = await api.WaitForSentAsync(chat, null, TimeSpan.FromSeconds(10));
            if (reply.Text == "Nama toko Anda?")
            {
                break;
            }

            Assert.True(DateTime.UtcNow - changedAt < TimeSpan.FromSeconds(2), "the changed file was not served within 2 seconds");
            chat++;
            await Task.Delay(100);
        }

        _folder.File("dialogs/shop.yaml", Version2.Replace("start: name", "start: nowhere", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        api.EnqueueText(100, "/toko");

        Assert.Equal("Nama toko Anda?", (await api.WaitForSentAsync(100, null, TimeSpan.FromSeconds(10))).Text);
    }

    public void Dispose() => _folder.Dispose();
}
