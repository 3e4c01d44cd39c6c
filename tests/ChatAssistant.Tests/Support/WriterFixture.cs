using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Support;

/// <summary>A real writer on a real SQLite file: what a worker runs, minus the channels.</summary>
internal sealed class WriterFixture : IAsyncDisposable
{
    private WriterFixture(string databasePath, DialogCatalog catalog, FakeTimeProvider time)
    {
        Time = time;
        Store = new ConversationStore(databasePath, TimeSpan.FromSeconds(5), time);
        Outbox = new OutboxReader(databasePath, TimeSpan.FromSeconds(5));
        Writer = new ConversationWriter(
            Store,
            new ConversationEngine(catalog),
            new OutboxSignal(),
            time,
            Options.Create(new ConversationOptions()),
            NullLogger<ConversationWriter>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public ConversationStore Store { get; }

    public OutboxReader Outbox { get; }

    public ConversationWriter Writer { get; }

    public static async Task<WriterFixture> StartAsync(string databasePath, string dialogYaml = TestDialogs.Sales)
    {
        var loaded = DialogLoader.Load([new DialogSource("test.yaml", dialogYaml)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var fixture = new WriterFixture(databasePath, loaded.Catalog, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)));
        await fixture.Writer.StartAsync(CancellationToken.None);
        return fixture;
    }

    public Task<HandledMessage> SendAsync(string chatId, string text, string? messageId = null) =>
        Writer.SubmitAsync(new InboundEnvelope("test", chatId, messageId ?? Guid.NewGuid().ToString("N"), InboundMessage.FromText(text), Time.GetUtcNow()));

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        Writer.Dispose();
        Store.Dispose();
        Outbox.Dispose();
    }
}
