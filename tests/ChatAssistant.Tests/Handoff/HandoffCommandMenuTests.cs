using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Handoff;

/// <summary>Telegram's command menu on the real worker against the test Bot API server: /petugas only where someone answers.</summary>
public sealed class HandoffCommandMenuTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    private static string Dialogs => Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");

    [Fact]
    public async Task With_handoff_on_the_menu_lists_the_command_for_a_person_in_both_languages_and_for_operators()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Dialogs, new Dictionary<string, string?>
        {
            ["Handoff:Enabled"] = "true",
            ["Operators:TelegramUserIds:0"] = "777",
        });

        await WaitUntilAsync(() => _api.CommandsFor("en").Count > 0 && _api.CommandsForChat(777).Count > 0);

        var indonesian = Assert.Single(_api.CommandsFor(null), c => c.Command == "petugas");
        Assert.Equal("Bicara dengan petugas", indonesian.Description);
        var english = Assert.Single(_api.CommandsFor("en"), c => c.Command == "human");
        Assert.Equal("Talk to a person", english.Description);
        Assert.Contains(_api.CommandsForChat(777), c => c.Command == "petugas");
    }

    [Fact]
    public async Task With_handoff_off_the_menu_does_not_offer_a_person()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Dialogs);

        await WaitUntilAsync(() => _api.CommandsFor("en").Count > 0);

        Assert.DoesNotContain(_api.CommandsFor(null), c => c.Command == "petugas");
        Assert.DoesNotContain(_api.CommandsFor("en"), c => c.Command == "human");
        Assert.Contains(_api.CommandsFor(null), c => c.Command == "bantuan");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
