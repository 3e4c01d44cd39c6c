using ChatAssistant.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>Owners talking to the real worker through the real Telegram.Bot client and the test Bot API server.</summary>
public sealed class TelegramConversationTests : IAsyncLifetime
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

    private string TestDialogs(params string[] dialogs)
    {
        for (var i = 0; i < dialogs.Length; i++)
        {
            _folder.File($"dialogs/d{i}.yaml", dialogs[i]);
        }

        return Path.Combine(_folder.Path, "dialogs");
    }

    private async Task<SentMessage> Tap(long chat, SentMessage message, string label)
    {
        var button = message.Buttons.Single(b => b.Text == label);
        var count = _api.Sent.Count(m => m.ChatId == chat);
        _api.EnqueueCallback(chat, button.CallbackData!, message.MessageId);
        return await _api.WaitForSentAsync(chat, m => _api.Sent.Count(x => x.ChatId == chat) > count && m.MessageId > message.MessageId, Wait);
    }

    private async Task<SentMessage> Type(long chat, string text)
    {
        var last = _api.Sent.Where(m => m.ChatId == chat).Select(m => m.MessageId).DefaultIfEmpty(0).Max();
        _api.EnqueueText(chat, text);
        return await _api.WaitForSentAsync(chat, m => m.MessageId > last, Wait);
    }

    [Fact]
    public async Task A_whole_stimulus_conversation_by_taps_and_typed_answers()
    {
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, dialogs);
        const long chat = 501;

        var consent = await Type(chat, "/stimulus");
        Assert.Equal(["Ya", "Tidak", "Kenapa?"], consent.Buttons.Select(b => b.Text));
        var citizen = await Tap(chat, consent, "Ya");
        Assert.Contains("WNI", citizen.Text, StringComparison.Ordinal);
        var sales = await Type(chat, "ya");
        Assert.Empty(sales.Buttons);
        var kur = await Type(chat, "Rp 15 juta");
        await Tap(chat, kur, "Tidak");
        // The questions after KUR (capital, profile, NIB, other credit, NPWP, loan, halal questions), typed.
        var result = await Type(chat, "20 juta");
        foreach (var answer in new[] { "Siti Aminah", "Warung Bu Siti", "1", "Jawa Barat", "2", "2", "ya", "tidak", "tidak", "0", "tidak", "ya", "ya" })
        {
            result = await Type(chat, answer);
        }

        Assert.Contains("usaha mikro", result.Text, StringComparison.Ordinal);
        Assert.Null(result.ParseMode);
        Assert.Equal("criteria_met", Sql.Text(_folder.DatabasePath, "SELECT outcome FROM conversations WHERE status = 2"));

        // Every tap is answered, and a tapped keyboard cannot be tapped again.
        await WaitUntil(() => _api.CallbackAnswers.Count == 2);
        await WaitUntil(() => _api.KeyboardOf(chat, consent.MessageId).Count == 0 && _api.KeyboardOf(chat, kur.MessageId).Count == 0);
    }

    [Fact]
    public async Task A_stale_or_replayed_tap_gets_the_current_question_and_changes_nothing()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"));
        const long chat = 502;
        var consent = await Type(chat, "/stimulus");
        var citizen = await Tap(chat, consent, "Ya");

        // The same button again, as a replayed update or a second tap from another device would send it.
        _api.EnqueueCallback(chat, consent.Buttons.First().CallbackData!, consent.MessageId);
        var stale = await _api.WaitForSentAsync(chat, m => m.MessageId > citizen.MessageId, Wait);

        Assert.Contains("Tombol ini sudah tidak berlaku", stale.Text, StringComparison.Ordinal);
        Assert.Contains("WNI", stale.Text, StringComparison.Ordinal);
        Assert.Equal("citizen", Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations"));
    }

    [Fact]
    public async Task Two_hundred_owners_chatting_at_once_each_get_their_answers_in_order()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, TestDialogs(TelegramTestDialogs.Notes));
        var owners = Enumerable.Range(1000, 200).Select(i => (long)i).ToList();
        foreach (var round in new[] { "/catat", "satu", "dua", "tiga" })
        {
            foreach (var owner in owners)
            {
                _api.EnqueueText(owner, round == "/catat" ? round : $"{round}-{owner}");
            }
        }

        await _api.WaitForSentCountAsync(800, TimeSpan.FromSeconds(60));
        foreach (var owner in owners)
        {
            var replies = _api.Sent.Where(m => m.ChatId == owner).OrderBy(m => m.MessageId).Select(m => m.Text).ToList();
            Assert.Equal(4, replies.Count);
            Assert.Equal("Tulis catatan:", replies[0]);
            Assert.StartsWith($"Dicatat: satu-{owner}", replies[1], StringComparison.Ordinal);
            Assert.StartsWith($"Dicatat: dua-{owner}", replies[2], StringComparison.Ordinal);
            Assert.StartsWith($"Dicatat: tiga-{owner}", replies[3], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Text_owners_typed_is_shown_exactly_as_typed()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, TestDialogs(TelegramTestDialogs.Notes));
        await Type(601, "/catat");

        var echo = await Type(601, "Toko *Sari_Jaya* [cabang] <b>2</b> & co");

        Assert.StartsWith("Dicatat: Toko *Sari_Jaya* [cabang] <b>2</b> & co", echo.VisibleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_stickers_voice_documents_and_locations_get_a_helpful_reply_and_the_question_again()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, TestDialogs(TelegramTestDialogs.Notes));
        const long chat = 602;
        await Type(chat, "/catat");

        foreach (var send in new Func<long, long>[] { _api.EnqueuePhoto, _api.EnqueueSticker, _api.EnqueueVoice, _api.EnqueueDocument, _api.EnqueueLocation })
        {
            var last = _api.Sent.Where(m => m.ChatId == chat).Max(m => m.MessageId);
            send(chat);
            var reply = await _api.WaitForSentAsync(chat, m => m.MessageId > last, Wait);
            Assert.Contains("hanya bisa membaca pesan teks", reply.Text, StringComparison.Ordinal);
            Assert.EndsWith("Tulis catatan:", reply.Text, StringComparison.Ordinal);
        }

        Assert.Equal("note", Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task A_shared_contact_answers_a_phone_question()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, TestDialogs(TelegramTestDialogs.Contact));
        const long chat = 603;
        var question = await Type(chat, "/kontak");

        _api.EnqueueContact(chat, "6281234567890");
        var done = await _api.WaitForSentAsync(chat, m => m.MessageId > question.MessageId, Wait);

        // Read as a typed number would be (normalised to +62...), and masked when repeated back.
        Assert.Contains("+62812****7890", done.Text, StringComparison.Ordinal);
        Assert.Equal("t:+6281234567890", Sql.Text(_folder.DatabasePath, "SELECT value FROM answers WHERE key = 'phone'"));
    }

    [Fact]
    public async Task Edited_messages_are_not_answered_again()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, TestDialogs(TelegramTestDialogs.Notes));
        const long chat = 604;
        await Type(chat, "/catat");
        var noted = await Type(chat, "pertama");

        _api.EnqueueEditedText(chat, noted.MessageId - 1, "diubah");
        var next = await Type(chat, "kedua");

        Assert.Contains("kedua", next.Text, StringComparison.Ordinal);
        Assert.Equal(3, _api.Sent.Count(m => m.ChatId == chat));
        Assert.DoesNotContain(_api.Sent, m => m.Text.Contains("diubah", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Group_chats_get_a_polite_note_about_private_chats()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, TestDialogs(TelegramTestDialogs.Notes));

        _api.EnqueueGroupText(-700, "/start");
        var note = await _api.WaitForSentAsync(-700, null, Wait);

        Assert.Contains("chat pribadi", note.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM users"));
    }

    [Fact]
    public async Task The_command_menu_is_set_in_bahasa_indonesia_and_english()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"));

        await WaitUntil(() => _api.CommandsFor("en").Count > 0);

        Assert.Contains(_api.CommandsFor(null), c => c.Command == "stimulus");
        Assert.Contains(_api.CommandsFor(null), c => c.Command == "kembali");
        Assert.Contains(_api.CommandsFor("en"), c => c.Command == "back");
        Assert.DoesNotContain(_api.CommandsFor(null), c => c.Command == "siaran");
    }

    [Fact]
    public async Task Operators_get_their_commands_in_their_own_chat_menu_only()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"),
            new Dictionary<string, string?> { ["Operators:TelegramUserIds:0"] = "777" });

        await WaitUntil(() => _api.CommandsForChat(777).Count > 0);

        Assert.Contains(_api.CommandsForChat(777), c => c.Command == "siaran");
        Assert.Contains(_api.CommandsForChat(777), c => c.Command == "stimulus");
        Assert.DoesNotContain(_api.CommandsFor(null), c => c.Command == "siaran");
        Assert.Empty(_api.CommandsForChat(778));
    }

    [Fact]
    public async Task Long_replies_are_split_at_paragraph_boundaries()
    {
        var paragraph = new string('a', 1500);
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 6));

        var parts = TelegramText.Split(text);

        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Length <= TelegramText.MaxLength));
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal), string.Concat(parts).Replace("\n", string.Empty, StringComparison.Ordinal));
        Assert.All(parts, p => Assert.StartsWith("a", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restarted_worker_continues_from_the_committed_offset()
    {
        var dialogs = TestDialogs(TelegramTestDialogs.Notes);
        await using (var first = await TelegramWorker.StartAsync(_api, _folder, dialogs))
        {
            await Type(605, "/catat");
            await Type(605, "satu");
        }

        _api.EnqueueText(605, "dua");
        await using var second = await TelegramWorker.StartAsync(_api, _folder, dialogs);
        var reply = await _api.WaitForSentAsync(605, m => m.Text.StartsWith("Dicatat: dua", StringComparison.Ordinal), Wait);

        Assert.Equal(3, _api.Sent.Count(m => m.ChatId == 605));
        Assert.Equal(3, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM inbox"));
        _ = reply;
        _ = second.Services.GetRequiredService<TelegramReceiver>();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(20);
        }
    }
}
