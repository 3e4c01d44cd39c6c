using System.Diagnostics;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Dialogs;

/// <summary>
/// Nothing in the dialogs folder can hurt the service: devices, FIFOs, links out of the folder, huge files and
/// alias bombs are refused without being read (or expanded), the last good version stays live, the folder can be
/// replaced under a running worker, and a bad edit followed by a restart serves the version kept in the database.
/// </summary>
public sealed class DialogFolderSafetyTests : IDisposable
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
          done:
            end: {id: "Terima kasih, {name}.", en: "Thank you, {name}."}
        """;

    private static readonly string Version2 = Version1.Replace("version: 1", "version: 2", StringComparison.Ordinal).Replace("Nama toko?", "Nama toko Anda?", StringComparison.Ordinal);

    private static readonly string Version3 = Version1.Replace("version: 1", "version: 3", StringComparison.Ordinal).Replace("Nama toko?", "Apa nama toko Anda?", StringComparison.Ordinal);

    private readonly TempFolder _folder = new();

    private string Folder => Path.Combine(_folder.Path, "dialogs");

    private static string AliasBomb()
    {
        // Twelve levels of ten aliases each: 10^12 conditions if expanded.
        var lines = new List<string> { "x0: &a0 { eq: [name, Sari] }" };
        for (var i = 1; i <= 12; i++)
        {
            lines.Add($"x{i}: &a{i} {{ all: [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}] }}");
        }

        return Version1.Replace("id: shop", "id: bomb", StringComparison.Ordinal).Replace("/toko", "/bom", StringComparison.Ordinal)
            .Replace("  done:", "    next: [ { when: *a12, goto: done }, { goto: done } ]\n  done:", StringComparison.Ordinal)
            + "\n" + string.Join('\n', lines) + "\n";
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task A_device_a_FIFO_a_link_out_of_the_folder_an_oversized_file_and_an_alias_bomb_are_refused_and_the_rest_loads()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        _folder.File("dialogs/bomb.yaml", AliasBomb());
        _folder.File("dialogs/huge.yaml", "# " + new string('x', DialogFiles.MaxFileBytes));
        _folder.File("outside.yaml", Version2.Replace("id: shop", "id: outside", StringComparison.Ordinal).Replace("/toko", "/luar", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(Folder, "zero.yaml"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(Folder, "outside.yaml"), Path.Combine(_folder.Path, "outside.yaml"));
        File.CreateSymbolicLink(Path.Combine(Folder, "zz-inside.yml"), Path.Combine(Folder, "shop.yaml"));
        MakeFifo(Path.Combine(Folder, "fifo.yaml"));

        // Generous bound: a FIFO opened for reading would block forever, /dev/zero would fill memory.
        var result = await Task.Run(() => DialogFiles.Load(Folder)).WaitAsync(TimeSpan.FromSeconds(60));

        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => $"{Path.GetFileName(d.Position.File)}:{d.Position.Line}:{d.Position.Column}: {d.Code}: {d.Message}").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(errors, e => e.StartsWith("bomb.yaml:", StringComparison.Ordinal) && e.Contains("yaml-alias: aliases (*a12) are not allowed", StringComparison.Ordinal));
        Assert.Contains("fifo.yaml:1:1: file-refused: the file is empty, or not a regular file (a device, FIFO or socket); not read", errors);
        Assert.Contains("huge.yaml:1:1: file-refused: the file is 1.0 MiB; a dialog file may be at most 1 MiB", errors);
        Assert.Contains(errors, e => e.StartsWith("outside.yaml:1:1: file-refused: the file is a symbolic link out of the dialogs folder", StringComparison.Ordinal));
        Assert.Contains("zero.yaml:1:1: file-refused: the file is a symbolic link out of the dialogs folder (to /dev/zero); not read", errors);

        // The link inside the folder is read (it repeats shop's id and command, which is its own error).
        Assert.Contains(errors, e => e.StartsWith("zz-inside.yml:", StringComparison.Ordinal) && e.Contains("duplicate-", StringComparison.Ordinal));
        Assert.Equal(["shop"], result.Catalog.Dialogs.Select(d => d.Id));
    }

    [Fact]
    public async Task A_device_or_FIFO_inside_the_folder_under_a_link_is_refused_too()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        MakeFifo(Path.Combine(Folder, "pipe"));
        File.CreateSymbolicLink(Path.Combine(Folder, "pipe.yaml"), Path.Combine(Folder, "pipe"));

        var result = await Task.Run(() => DialogFiles.Load(Folder)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("the file is empty, or not a regular file (a device, FIFO or socket); not read", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public async Task A_running_worker_stays_up_serving_the_last_good_version_through_hostile_files_and_reloads_again_after()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        await using var api = await FakeBotApi.StartAsync(TelegramWorker.Token);
        await using var worker = await TelegramWorker.StartAsync(api, _folder, Folder, Fast);
        Assert.Equal("Nama toko?", await AskAsync(api, 1));

        // Every hostile thing at once, and shop itself broken by an alias bomb.
        File.CreateSymbolicLink(Path.Combine(Folder, "zero.yaml"), "/dev/zero");
        MakeFifo(Path.Combine(Folder, "fifo.yaml"));
        _folder.File("dialogs/shop.yaml", AliasBomb().Replace("id: bomb", "id: shop", StringComparison.Ordinal).Replace("/bom", "/toko", StringComparison.Ordinal).Replace("Nama toko?", "Bom?", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal("Nama toko?", await AskAsync(api, 2));

        _folder.File("dialogs/shop.yaml", Version2);
        Assert.True(await ServedWithinAsync(api, 3, "Nama toko Anda?", TimeSpan.FromSeconds(10)), "a good file was not served after the hostile ones");
    }

    [Fact]
    public async Task A_dialogs_folder_deleted_and_recreated_under_a_running_worker_is_watched_again()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        await using var api = await FakeBotApi.StartAsync(TelegramWorker.Token);
        await using var worker = await TelegramWorker.StartAsync(api, _folder, Folder, Fast);
        Assert.Equal("Nama toko?", await AskAsync(api, 1));

        // Replaced the way a deployment does it: the old folder moved away, then deleted, a new one put in place.
        Directory.Move(Folder, Folder + ".old");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("Nama toko?", await AskAsync(api, 2));
        Directory.Delete(Folder + ".old", recursive: true);
        _folder.File("dialogs/shop.yaml", Version2);
        Assert.True(await ServedWithinAsync(api, 10, "Nama toko Anda?", TimeSpan.FromSeconds(15)), "the recreated folder was not loaded");

        // The new folder is watched: an edit in it is served.
        _folder.File("dialogs/shop.yaml", Version3);
        Assert.True(await ServedWithinAsync(api, 100, "Apa nama toko Anda?", TimeSpan.FromSeconds(15)), "an edit in the recreated folder was not served");
    }

    [Fact]
    public async Task After_a_bad_edit_and_a_restart_the_dialog_is_served_from_the_version_kept_in_the_database()
    {
        _folder.File("dialogs/shop.yaml", Version1);
        string[] chat(string user) => ["chat", "--user", user, "--db", _folder.DatabasePath, "--dialogs", Folder];
        var first = await AssistantProcess.RunAsync("/toko\n", chat("first"));
        Assert.EndsWith("Nama toko?", first.Output.TrimEnd(), StringComparison.Ordinal);

        _folder.File("dialogs/shop.yaml", Version2.Replace("start: name", "start: nowhere", StringComparison.Ordinal));
        var after = await AssistantProcess.RunAsync("/toko\n", chat("second"));

        Assert.EndsWith("Nama toko?", after.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("start step 'nowhere' does not exist", after.Output + after.Error, StringComparison.Ordinal);
        Assert.Contains("dialog shop v1, the version last live (kept in the database), is served until the file is fixed", after.Output + after.Error, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Dialogs:FolderCheckInterval"] = "00:00:00.200",
        ["Dialogs:ReloadDelay"] = "00:00:00.100",
    };

    private static async Task<string> AskAsync(FakeBotApi api, long chat)
    {
        api.EnqueueText(chat, "/toko");
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

    public void Dispose() => _folder.Dispose();
}
