using System.Globalization;
using ChatAssistant.Tests.Support;
using Xunit.Abstractions;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// A broadcast on WhatsApp through the real executable (the operator's <c>broadcast create</c> and <c>status</c>, the
/// worker) against the stand-in Cloud API, which refuses free-form messages outside the 24-hour window as Meta does:
/// 1,000 owners, every second one last wrote two days ago. With an approved template configured and named, that half
/// gets the template and the other half the announcement; without, that half is counted "outside window" and sent
/// nothing; never a message that would fail. Then Meta's status webhooks, out of order and twice, become the
/// broadcast's delivered and read counts.
/// </summary>
public sealed class WhatsAppBroadcastProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 1_000;   // owners 1..1000; the even ones last wrote two days ago
    private const int Outside = Recipients / 2;
    private const int Rate = 200;           // high, so that the test takes seconds; the limit is checked all the same
    private const string Announcement = "Pendaftaran Bimtek Digital di Padang ditutup Jumat ini.";
    private const string Parameter = "Bimtek Digital Padang";

    private readonly TempFolder _folder = new();
    private FakeCloudApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeCloudApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_broadcast_to_1000_owners_half_outside_the_window_sends_that_half_the_template_when_configured_and_counts_them_otherwise(bool withTemplate)
    {
        var owners = Enumerable.Range(1, Recipients).Select(CloudOwner.Numbered).ToList();
        var outside = owners.Where((_, i) => (i + 1) % 2 == 0).ToHashSet();
        Seed(owners, outside);
        _api.PutOutsideWindow(outside);
        var environment = Environment(withTemplate);

        // The operator creates it while the worker is stopped (the verb needs the database to itself).
        var text = _folder.File("announcement.txt", Announcement);
        string[] template = withTemplate ? ["--whatsapp-template", "info_program", "--template-language", "id", "--template-param", Parameter] : [];
        var created = await AssistantProcess.RunAsync(string.Empty, environment, ["broadcast", "create", "--text-file", text, .. template]);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains($"for {Recipients} owners", created.Output, StringComparison.Ordinal);
        Assert.Contains(
            withTemplate
                ? $"{Outside} WhatsApp owners outside the 24-hour window now get the template info_program (id)."
                : $"{Outside} WhatsApp owners are outside the 24-hour window now: counted outside_window, not sent",
            created.Output,
            StringComparison.Ordinal);

        await using (var worker = await WhatsAppProcess.StartAsync(_api, environment))
        {
            await FakeCloudApi.WaitUntilAsync(
                () => Sql.Text(_folder.DatabasePath, "SELECT status FROM broadcasts WHERE id = 1") == "finished",
                TimeSpan.FromSeconds(60),
                () => $"broadcast {Sql.Text(_folder.DatabasePath, "SELECT status FROM broadcasts WHERE id = 1")}, {_api.Accepted.Count} sent; {worker.Log}");

            // Each owner inside the window got the announcement once; each outside got the template once, or nothing.
            var sends = _api.Sends;
            Assert.All(sends, s => Assert.True(s.Accepted, $"refused with {s.StatusCode}: {s.Body}"));
            var byOwner = sends.GroupBy(s => s.To).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var owner in owners)
            {
                var received = byOwner.GetValueOrDefault(owner.Key) ?? [];
                if (!outside.Contains(owner))
                {
                    Assert.Contains(Announcement, Assert.Single(received).Text, StringComparison.Ordinal);
                }
                else if (withTemplate)
                {
                    var sent = Assert.Single(received);
                    Assert.Equal("template", sent.Type);
                    Assert.Equal(("info_program", "id"), (sent.Template.Name, sent.Template.Language));
                    Assert.Equal([Parameter], sent.Template.Parameters);
                }
                else
                {
                    Assert.Empty(received);
                }
            }

            Assert.Equal(withTemplate ? Recipients : Recipients - Outside, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcast_recipients WHERE status = 'sent'"));
            Assert.Equal(withTemplate ? 0 : Outside, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcast_recipients WHERE status = 'outside_window'"));

            // Never faster than the number's limit (the stand-in's own lateness allowed for, as in the load test).
            var (busiest, from) = CloudSends.BusiestSecond(sends, at => Min(_api.LagAround(at, TimeSpan.FromSeconds(1)), TimeSpan.FromMilliseconds(250)));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sends.Count} sends from {sends[0].At.TotalSeconds:0.0} s to {sends[^1].At.TotalSeconds:0.0} s; busiest second {busiest} from {from.TotalSeconds:0.000} s"));
            Assert.True(busiest <= Rate, $"{busiest} sends in the second from {from.TotalSeconds:0.000} s; the limit is {Rate}");

            // Meta reports each announcement delivered, and every second one read; in any order, each body twice.
            var wamids = sends.Select(s => (Owner: owners.First(o => o.Key == s.To), WamId: s.WamId!)).ToList();
            var reports = wamids.SelectMany((w, i) => (i % 2 == 0 ? new[] { "read", "delivered", "sent" } : ["sent", "delivered"]).Select(state => new CloudStatus(w.WamId, state, w.Owner)))
                .OrderBy(s => string.Concat(s.WamId.Reverse()), StringComparer.Ordinal).ToList(); // another order than sent, each message's read first
            foreach (var batch in reports.Chunk(250))
            {
                await _api.DeliverStatusesAsync(batch);
                await _api.DeliverStatusesAsync(batch.Reverse());
            }

            var status = await AssistantProcess.RunAsync(string.Empty, environment, "broadcast", "status", "1");
            Assert.True(status.ExitCode == 0, status.Error);
            var delivered = sends.Count;
            var read = (delivered + 1) / 2;
            Assert.Contains($"whatsapp deliveries of the {delivered} sent: delivered {delivered} (read {read}), not delivered 0, no report yet 0", status.Output, StringComparison.Ordinal);
            Assert.Contains(
                withTemplate
                    ? $"WhatsApp outside the 24-hour window: {Outside} sent as the approved template, 0 not sent"
                    : $"WhatsApp outside the 24-hour window: 0 sent as the approved template, {Outside} not sent",
                status.Output,
                StringComparison.Ordinal);
            Assert.False(worker.Process.HasExited, worker.Log);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The owners as the worker stored them when they wrote: inside the window an hour ago, or two days ago.</summary>
    private void Seed(List<CloudOwner> owners, HashSet<CloudOwner> outside)
    {
        Broadcasts.Owners.CreateSchema(_folder.DatabasePath);
        var now = DateTimeOffset.UtcNow;
        var values = string.Join(",\n", owners.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"('whatsapp', '{o.Key}', 'id', {(now - TimeSpan.FromDays(3)).ToUnixTimeMilliseconds()}, {(now - (outside.Contains(o) ? TimeSpan.FromDays(2) : TimeSpan.FromHours(1))).ToUnixTimeMilliseconds()})")));
        Sql.Execute(_folder.DatabasePath, $"INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES {values};");
    }

    private Dictionary<string, string> Environment(bool withTemplate)
    {
        _folder.File("dialogs/notes.yaml", Telegram.TelegramTestDialogs.Notes);
        var environment = WhatsAppProcess.Environment(_api, _folder, AssistantProcess.FreePort(), Path.Combine(_folder.Path, "dialogs"));
        environment["WhatsApp__MaxMessagesPerSecond"] = Rate.ToString(CultureInfo.InvariantCulture);
        environment["WhatsApp__MaxConcurrentSends"] = "16";
        environment["Broadcasts__QuietHoursStart"] = "00:00"; // no quiet hours: the test must not depend on the time of day
        environment["Broadcasts__QuietHoursEnd"] = "00:00";
        if (withTemplate)
        {
            _api.ApproveTemplate("info_program", "id", bodyParameters: 1);
            environment["WhatsApp__Templates__0__Name"] = "info_program";
            environment["WhatsApp__Templates__0__Language"] = "id";
            environment["WhatsApp__Templates__0__Parameters"] = "1";
            environment["WhatsApp__Templates__0__Category"] = "marketing";
        }

        return environment;
    }
}
