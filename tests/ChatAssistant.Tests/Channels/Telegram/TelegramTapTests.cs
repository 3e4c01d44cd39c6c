using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// Taps through the real worker and the stand-in Bot API: only a tap on the latest buttons of the owner's own
/// conversation answers; forged, stale, replayed, other owners' and over-long data are answered "no longer
/// valid" with the current question, the tap is acknowledged, and nothing is saved.
/// </summary>
public sealed class TelegramTapTests : IAsyncLifetime
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

    private string Dialogs()
    {
        _folder.File("dialogs/choice.yaml", TelegramTestDialogs.Choice);
        return Path.Combine(_folder.Path, "dialogs");
    }

    private int LastMessageId(long chat) => _api.Sent.Where(m => m.ChatId == chat).Select(m => m.MessageId).DefaultIfEmpty(0).Max();

    private async Task<SentMessage> Type(long chat, string text)
    {
        var last = LastMessageId(chat);
        _api.EnqueueText(chat, text);
        return await _api.WaitForSentAsync(chat, m => m.MessageId > last, Wait);
    }

    private async Task<SentMessage> Tap(long chat, string data, int messageId)
    {
        var last = LastMessageId(chat);
        _api.EnqueueCallback(chat, data, messageId);
        return await _api.WaitForSentAsync(chat, m => m.MessageId > last, Wait);
    }

    [Fact]
    public async Task Forged_stale_replayed_foreign_and_over_long_taps_change_nothing()
    {
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Dialogs());
        const long mine = 801, theirs = 802;
        var question = await Type(mine, "/pilih");
        var food = question.Buttons.Single(b => b.Text == "Makanan").CallbackData!;
        var token = food[..food.IndexOf('|', StringComparison.Ordinal)];
        var theirQuestion = await Type(theirs, "/pilih");
        var theirFood = theirQuestion.Buttons.Single(b => b.Text == "Makanan").CallbackData!;
        var renewed = await Type(mine, "bukan pilihan"); // asked again: the first buttons are now an older rendering
        var renewedFood = renewed.Buttons.Single(b => b.Text == "Makanan").CallbackData!;

        string[] refused =
        [
            ButtonData.ForAnswer("sector", "food"),     // forged: names the current step, as data did before tokens
            "AAAAAAAA|food",                            // forged token
            food,                                       // an older rendering of the same question
            theirFood,                                  // another owner's button, tapped in this chat
            ButtonData.ForTap(token, "food" + new string('x', 60)), // over 64 bytes
        ];
        foreach (var data in refused)
        {
            var reply = await Tap(mine, data, question.MessageId);
            Assert.StartsWith("Tombol ini sudah tidak berlaku. Ini pertanyaan saat ini:\n\nBidang usaha?", reply.Text, StringComparison.Ordinal);
            Assert.Equal("sector", Sql.Text(_folder.DatabasePath, $"SELECT step_id FROM conversations c JOIN users u ON u.id = c.user_id WHERE u.chat_id = '{mine}'"));
            Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM answers"));
        }

        // The latest buttons of the latest reply still answer, once.
        var latest = _api.Sent.Where(m => m.ChatId == mine).MaxBy(m => m.MessageId)!;
        var latestCraft = latest.Buttons.Single(b => b.Text == "Kerajinan").CallbackData!;
        var done = await Tap(mine, latestCraft, latest.MessageId);
        Assert.StartsWith("Bidang: ", done.Text, StringComparison.Ordinal);
        var replay = await Tap(mine, latestCraft, latest.MessageId);
        Assert.StartsWith("Tombol ini sudah tidak berlaku", replay.Text, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM answers"));
        Assert.NotEqual(renewedFood, food);

        // Every tap, refused or not, is acknowledged so the owner's app stops its spinner.
        await WaitUntil(() => _api.CallbackAnswers.Count == refused.Length + 2);
    }

    [Fact]
    public async Task A_tap_sent_by_someone_else_than_the_chats_owner_is_refused_for_operators_too()
    {
        const long owner = 811, stranger = 812, @operator = 813;
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Dialogs(),
            new Dictionary<string, string?> { ["Operators:TelegramUserIds:0"] = "813" });
        var question = await Type(owner, "/pilih");
        var food = question.Buttons.Single(b => b.Text == "Makanan").CallbackData!;
        var sent = _api.Sent.Count;

        var byStranger = _api.EnqueueCallback(owner, food, question.MessageId, fromUserId: stranger);
        var byOperator = _api.EnqueueCallback(owner, food, question.MessageId, fromUserId: @operator);
        await WaitUntil(() => _api.CallbackAnswers.Count(a => a.UpdateId == byStranger || a.UpdateId == byOperator) == 2);

        Assert.All(_api.CallbackAnswers.Where(a => a.UpdateId == byStranger || a.UpdateId == byOperator),
            a => Assert.Equal("Tombol ini bukan untuk Anda.", a.Text));
        Assert.Equal(sent, _api.Sent.Count);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM answers"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, $"SELECT COUNT(*) FROM users WHERE chat_id IN ('{stranger}', '{@operator}')"));

        // The owner's own tap on the same button still answers: nothing was used up.
        var done = await Tap(owner, food, question.MessageId);
        Assert.StartsWith("Bidang: ", done.Text, StringComparison.Ordinal);
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
