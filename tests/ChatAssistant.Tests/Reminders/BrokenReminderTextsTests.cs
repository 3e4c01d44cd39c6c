using ChatAssistant.Reminders;
using ChatAssistant.Tests.Channels.Telegram;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAssistant.Tests.Reminders;

/// <summary>A mistake in reminders.yaml must not stop owners being served: the worker runs on, without reminders.</summary>
public sealed class BrokenReminderTextsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private FakeBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeBotApi.StartAsync(TelegramWorker.Token);

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_worker_whose_reminder_texts_do_not_read_still_answers_owners_and_sends_no_reminder()
    {
        _folder.File("dialogs/notes.yaml", TelegramTestDialogs.Notes);
        _folder.File("dialogs/data/reminders.yaml", "kinds:\n  training_3d:\n    text: { id: \"Pelatihan {judul} besok\" }\n");
        await using var worker = await TelegramWorker.StartAsync(_api, _folder, Path.Combine(_folder.Path, "dialogs"));

        _api.EnqueueText(801, "/menu");
        var reply = await _api.WaitForSentAsync(801, _ => true, TimeSpan.FromSeconds(15));

        Assert.False(string.IsNullOrEmpty(reply.Text));
        var texts = worker.Services.GetRequiredService<ReminderTexts>();
        Assert.DoesNotContain(ReminderKinds.All, texts.Has);
    }
}
