using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>The webhook carries the sender's phone number with the message, so an operator named by it is recognised.</summary>
public sealed class WhatsAppOperatorWebhookTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private WhatsAppWorker _worker = null!;

    public async Task InitializeAsync()
    {
        _folder.File("dialogs/broadcast-send.yaml", Owners.ShippedDialog("broadcast-send.yaml"));
        _worker = await WhatsAppWorker.StartAsync(_folder, new Dictionary<string, string?> { ["Operators:WhatsAppIds:0"] = WhatsAppPayloads.WaId });
        _worker.Api.ConnectWebhook(_worker.Webhook, WhatsAppWorker.AppSecret);
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_operator_named_by_phone_number_can_siaran_and_an_owner_cannot()
    {
        var operatorOwner = new CloudOwner(WhatsAppPayloads.WaId, WhatsAppPayloads.UserId);
        var owner = new CloudOwner("6285712345678", "ID.99990000111122223333");

        await _worker.Api.OwnerWritesAsync(operatorOwner, "/siaran");
        await _worker.Api.OwnerWritesAsync(owner, "/siaran");

        var asked = await _worker.Api.WaitForSendAsync(operatorOwner, _ => true, Patience);
        var refused = await _worker.Api.WaitForSendAsync(owner, _ => true, Patience);
        Assert.StartsWith("Tulis teks pengumuman untuk pemilik usaha", asked.Text, StringComparison.Ordinal);
        Assert.StartsWith("Maaf, perintah /siaran tidak dikenal.", refused.Text, StringComparison.Ordinal);
    }
}
