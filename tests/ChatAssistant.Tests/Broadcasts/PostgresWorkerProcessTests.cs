using System.Text;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// The worker as a real process on PostgreSQL (Storage__Provider=Postgres) against the stand-in Telegram server:
/// the feature stores' statements run on the server as they do on SQLite, from an owner's registration to an
/// operator's announcement.
/// </summary>
public sealed class PostgresWorkerProcessTests : IAsyncLifetime
{
    private const long Owner = 4201;
    private const string Announcement = "Pendaftaran Bimtek Pemasaran Digital ditutup Jumat.";

    /// <summary>One programme open for years yet, whoever registers: the test does not age with the calendar.</summary>
    private const string Catalogue = """
        programs:
          - id: bimtek-digital
            title: { id: Bimtek Pemasaran Digital, en: Digital Marketing Guidance }
            organiser: Balai Diklat Industri Surabaya
            mode: offline
            location: Surabaya
            start: 2099-12-14
            end: 2099-12-18
            capacity: 5
            deadline: 2099-12-07
            description: { id: Lima hari praktik., en: Five hands-on days. }
        """;

    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target = StorageTarget.Postgres();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task On_postgres_an_owner_registers_for_a_training_and_an_operators_announcement_reaches_them()
    {
        var environment = Environment();
        var log = new StringBuilder();
        using var worker = AssistantProcess.StartLogged(environment, log);
        try
        {
            foreach (var text in new[] { "/pelatihan", "Ya", "Makanan", "Jawa Barat", "Mikro", "1", "Siti Aminah", "Warung Bu Siti", "3201014101900001", "0812 3456 7890", "benar" })
            {
                _api.EnqueueText(Owner, text);
            }

            await WaitUntilAsync(() => SentTo(Owner).Any(t => t.Contains("mendapat kursi di Bimtek Pemasaran Digital", StringComparison.Ordinal)), worker, log);
            Assert.Equal(1, _target.Count("SELECT COUNT(*) FROM training_registrations WHERE program_id = 'bimtek-digital' AND status = 'seat' AND nik = '3201014101900001'"));
            Assert.Equal("t:Jawa Barat", _target.Text("SELECT value FROM profile_values WHERE key = 'province'"));

            var file = _folder.File("pengumuman.txt", Announcement + "\n");
            var created = await AssistantProcess.RunAsync(string.Empty, environment, "broadcast", "create", "--text-file", file, "--province", "Jawa Barat");
            Assert.True(created.ExitCode == 0, created.Error);
            Assert.StartsWith("Broadcast 1 created for 1 owner", created.Output, StringComparison.Ordinal);

            await WaitUntilAsync(() => SentTo(Owner).Any(t => t.Contains(Announcement, StringComparison.Ordinal)), worker, log);
            await WaitUntilAsync(() => _target.Text("SELECT status FROM broadcasts WHERE id = 1") == "finished", worker, log);
            Assert.Equal("sent", _target.Text("SELECT status FROM broadcast_recipients WHERE broadcast_id = 1"));
            Assert.Single(SentTo(Owner), t => t.Contains(Announcement, StringComparison.Ordinal));
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }

    private Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(_target.Settings)
        {
            ["Telegram__BotToken"] = TelegramWorker.Token,
            ["Telegram__ApiBaseUrl"] = _api.BaseUrl,
            ["Telegram__PollTimeout"] = "00:00:01",
            ["Telegram__PerChatInterval"] = "00:00:00.020",
            ["Dialogs__Path"] = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"),
            ["Training__CatalogPath"] = _folder.File("training-programs.yaml", Catalogue),

            // Equal start and end: no quiet hours, so the announcement goes out whatever the hour of the run.
            ["Broadcasts__QuietHoursStart"] = "00:00:00",
            ["Broadcasts__QuietHoursEnd"] = "00:00:00",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return environment;
    }

    private List<string> SentTo(long chat) => [.. _api.Sent.Where(m => m.ChatId == chat).Select(m => m.Text)];

    /// <summary>Polls until <paramref name="done"/>; a generous bound, so a slow machine never fails a correct worker.</summary>
    private async Task WaitUntilAsync(Func<bool> done, System.Diagnostics.Process worker, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!done())
        {
            if (worker.HasExited || DateTime.UtcNow > deadline)
            {
                string output;
                lock (log)
                {
                    output = log.ToString();
                }

                Assert.Fail($"{(worker.HasExited ? "the worker exited" : "timed out")}; sent to the owner: {string.Join(" | ", SentTo(Owner))}\nworker output:\n{output}");
            }

            await Task.Delay(100);
        }
    }
}
