using System.Diagnostics;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Dialogs;

/// <summary>
/// The dialogs' data (data/programmes.yaml, which dialogs cite) reloads like a dialog file: a corrected rule is what
/// the next owner reads, without a restart.
/// </summary>
public sealed class DialogDataReloadTests : IDisposable
{
    private const string Dialog = """
        id: kur
        version: 1
        languages: [id, en]
        title: {id: KUR, en: KUR}
        commands: [/kur]
        start: where
        steps:
          where:
            ask: {id: "Ajukan KUR {programme.kur.apply_at}?", en: "Apply for KUR {programme.kur.apply_at}?"}
          done:
            end: {id: "Terima kasih.", en: "Thank you."}
        """;

    private const string Programmes = """
        programmes:
          kur:
            name: { id: KUR, en: KUR }
            source: Permenko Perekonomian No. 1/2023
            as_of: 2023-01-01
            review_by: 2099-12-31
            rules:
              apply_at:
                text: { id: di bank penyalur, en: at a lending bank }
        """;

    private readonly TempFolder _folder = new();

    private string Folder => Path.Combine(_folder.Path, "dialogs");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_saved_programme_rule_is_what_the_next_owner_reads_without_a_restart()
    {
        _folder.File("dialogs/kur.yaml", Dialog);
        _folder.File("dialogs/data/programmes.yaml", Programmes);
        await using var api = await FakeBotApi.StartAsync(TelegramWorker.Token);

        // The periodic check is ten minutes away: only the watcher can notice the edit in data/.
        await using var worker = await TelegramWorker.StartAsync(api, _folder, Folder, new Dictionary<string, string?>
        {
            ["Dialogs:FolderCheckInterval"] = "00:10:00",
            ["Dialogs:ReloadDelay"] = "00:00:00.100",
        });
        Assert.Equal("Ajukan KUR di bank penyalur?", await AskAsync(api, 1));

        _folder.File("dialogs/data/programmes.yaml", Programmes.Replace("di bank penyalur", "di bank atau koperasi penyalur", StringComparison.Ordinal));

        Assert.True(await ServedWithinAsync(api, 2, "Ajukan KUR di bank atau koperasi penyalur?", TimeSpan.FromSeconds(15)), "the edited programme rule was not served");
    }

    [Fact]
    public void The_periodic_check_sees_an_edit_in_data_but_not_in_tests()
    {
        _folder.File("dialogs/kur.yaml", Dialog);
        _folder.File("dialogs/data/programmes.yaml", Programmes);
        _folder.File("dialogs/tests/kur.yaml", "dialog: kur\ncases: []\n");
        var before = DialogReloader.FolderStamp.Of(Folder);

        _folder.File("dialogs/tests/kur.yaml", "dialog: kur\ncases: []\n# a note\n");
        Assert.Equal(before, DialogReloader.FolderStamp.Of(Folder));

        _folder.File("dialogs/data/programmes.yaml", Programmes + "# checked again\n");
        Assert.NotEqual(before, DialogReloader.FolderStamp.Of(Folder));
    }

    [Theory]
    [InlineData("kur.yaml", true)]
    [InlineData("kur.yml", true)]
    [InlineData("data/programmes.yaml", true)]
    [InlineData("data/training-programs.yaml", true)]
    [InlineData("data", true)]
    [InlineData("tests/kur.yaml", false)]
    [InlineData("data/notes.txt", false)]
    [InlineData("data/old/programmes.yaml", false)]
    [InlineData("README.md", false)]
    public void The_watcher_reloads_for_dialog_and_data_files_only(string name, bool reloads) =>
        Assert.Equal(reloads, DialogReloader.Matters(name));

    private static async Task<string> AskAsync(FakeBotApi api, long chat)
    {
        api.EnqueueText(chat, "/kur");
        return (await api.WaitForSentAsync(chat, null, TimeSpan.FromSeconds(10))).Text;
    }

    /// <summary>Asks as new owners until the expected question comes back or the generous bound passes.</summary>
    private static async Task<bool> ServedWithinAsync(FakeBotApi api, long firstChat, string expected, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        for (var chat = firstChat; watch.Elapsed < bound; chat++)
        {
            if (await AskAsync(api, chat) == expected)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
