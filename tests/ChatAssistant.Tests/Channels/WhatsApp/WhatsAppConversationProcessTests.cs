using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// The worker as a real process, the repository's own dialogs, the stand-in Cloud API: an owner goes through a whole
/// conversation on WhatsApp by tapping the reply buttons and list rows the worker sent, typing only where the question
/// asks for free text; then Meta's status webhooks for those replies arrive out of order and more than once.
/// </summary>
public sealed class WhatsAppConversationProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private FakeCloudApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeCloudApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_whole_stimulus_conversation_by_list_and_button_replies_reaches_its_result_and_every_reply_ends_read_whatever_order_its_statuses_come_in()
    {
        var environment = WhatsAppProcess.Environment(_api, _folder, AssistantProcess.FreePort(), Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"));
        environment["WhatsApp__PerChatInterval"] = "00:00:00.050"; // one owner's conversation need not wait for Meta's pair pacing
        await using var worker = await WhatsAppProcess.StartAsync(_api, environment);
        var owner = new CloudOwner("6281311112222", "ID.7301234567890123456", "Siti Aminah");

        var consent = await Answer(owner, "/stimulus", "Boleh kita mulai?");
        Assert.Equal("button", consent.InteractiveType);
        Assert.Equal(["Ya", "Tidak", "Kenapa?"], consent.Choices.Select(c => c.Title));
        Assert.Contains("Mari kita cek program", consent.Text, StringComparison.Ordinal);

        await Tap(owner, "Ya", "warga negara Indonesia (WNI)");
        var (sales, _) = await Tap(owner, "Ya", "omzet (total penjualan)");
        Assert.Empty(sales.Choices); // free text: typed
        await Answer(owner, "Rp 15 juta", "pinjaman KUR");
        await Tap(owner, "Tidak", "modal usaha");
        await Answer(owner, "20 juta", "nama lengkap");
        await Answer(owner, "Siti Aminah", "nama usaha");
        var sector = await Answer(owner, "Warung Bu Siti", "bidang usaha");

        // Seven sectors: a list, picked by its row.
        Assert.Equal("list", sector.InteractiveType);
        Assert.Equal(7, sector.Choices.Count);
        Assert.All(sector.Choices, c => Assert.Equal(CloudChoiceKind.ListRow, c.Kind));
        var (_, pick) = await Tap(owner, "Makanan & minuman", "provinsi");

        // Meta delivers the pick again (it does, for days), and the owner sends a photo: the pick changes nothing, the
        // photo gets a short note and the question again.
        var before = _api.AcceptedTo(owner).Count;
        await _api.DeliverAsync(pick);
        await _api.OwnerSendsPhotoAsync(owner);
        var note = await _api.WaitForSendAsync(owner, s => s.Text.Contains("hanya bisa membaca pesan teks", StringComparison.Ordinal), Wait, before);
        Assert.Same(note, Assert.Single(_api.AcceptedTo(owner).Skip(before)));
        Assert.Contains("provinsi", note.Text, StringComparison.Ordinal);
        var age = await Answer(owner, "Jawa Barat", "berapa lama");
        Assert.Equal("button", age.InteractiveType);
        await Tap(owner, "6 bulan - 3 tahun", "pekerja");
        await Answer(owner, "2", "NIB (Nomor Induk Berusaha)");
        await Tap(owner, "Ya", "pinjaman usaha lain");
        await Tap(owner, "Tidak", "NPWP");
        await Tap(owner, "Tidak", "pinjaman modal");
        await Answer(owner, "0", "sudah bersertifikat halal");
        await Tap(owner, "Tidak", "satu tempat produksi");
        await Tap(owner, "Ya", "semua bahan");
        await Tap(owner, "Ya", "Pertanyaan lain");

        var conversation = string.Join("\n\n", _api.AcceptedTo(owner).Select(s => s.Text));
        Assert.Contains("usaha mikro", conversation, StringComparison.Ordinal);
        Assert.Contains("memenuhi kriteria", conversation, StringComparison.Ordinal);
        Assert.Contains("Sertifikat halal gratis (SEHATI)", conversation, StringComparison.Ordinal);
        Assert.Equal("criteria_met", Sql.Text(_folder.DatabasePath, "SELECT outcome FROM conversations WHERE status = 2"));
        Assert.Equal("food", Sql.Text(_folder.DatabasePath, "SELECT value FROM profile_values WHERE key = 'sector'")?.Split(':')[^1]);

        // Meta's statuses for every message sent, read before delivered before sent, each status twice, the whole set
        // redelivered, and a late failure: every reply ends read, each status of each message recorded once.
        var wamids = _api.AcceptedTo(owner).Select(s => s.WamId!).ToList();
        var statuses = wamids.SelectMany(w => new[] { "read", "delivered", "sent", "read" }.Select(state => new CloudStatus(w, state, owner))).ToList();
        await _api.DeliverStatusesAsync(statuses);
        await _api.DeliverStatusesAsync([new CloudStatus(wamids[0], "failed", owner)]);
        await _api.DeliverStatusesAsync(Enumerable.Reverse(statuses));
        var replies = Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE channel = 'whatsapp' AND sent_message_id IS NOT NULL");
        Assert.InRange(replies, 19, wamids.Count);
        Assert.Equal(replies, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM outbox WHERE channel = 'whatsapp' AND delivery = 3"));
        Assert.Equal((3 * wamids.Count) + 1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM delivery_statuses WHERE channel = 'whatsapp'"));

        // Every send was one Meta accepts (the stand-in checks each against the Cloud API's limits), to this owner only.
        Assert.All(_api.Sends, s => Assert.True(s.Accepted, $"refused with {s.StatusCode}: {s.Body}"));
        Assert.All(_api.Sends, s => Assert.True(owner.Is(s.To), s.To));
        Assert.False(worker.Process.HasExited, worker.Log);
    }

    /// <summary>The owner types <paramref name="text"/>; returns the first message after it that contains <paramref name="next"/>.</summary>
    private async Task<CloudSend> Answer(CloudOwner owner, string text, string next)
    {
        var before = _api.AcceptedTo(owner).Count;
        await _api.OwnerWritesAsync(owner, text);
        return await _api.WaitForSendAsync(owner, s => s.Text.Contains(next, StringComparison.Ordinal), Wait, before);
    }

    /// <summary>The owner taps <paramref name="title"/> in the latest question; returns the first message after it that contains <paramref name="next"/>.</summary>
    private async Task<(CloudSend Next, CloudWebhook Tap)> Tap(CloudOwner owner, string title, string next)
    {
        var before = _api.AcceptedTo(owner).Count;
        var (_, tap) = await _api.OwnerTapsAsync(owner, title);
        return (await _api.WaitForSendAsync(owner, s => s.Text.Contains(next, StringComparison.Ordinal), Wait, before), tap);
    }
}
