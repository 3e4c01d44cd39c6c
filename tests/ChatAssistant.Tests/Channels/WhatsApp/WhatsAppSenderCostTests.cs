using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>What one outbox message costs in Cloud API messages, for the per-number and per-owner limits.</summary>
public sealed class WhatsAppSenderCostTests : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly WhatsAppSender _sender;

    public WhatsAppSenderCostTests() =>
        _sender = new WhatsAppSender(_http, new WhatsAppSendSettings("http://127.0.0.1:9/v25.0", "106540352242922", "token"), new RecordingLogger<WhatsAppSender>());

    public void Dispose() => _http.Dispose();

    private static OutboxMessage Outbox(OutboundMessage message) =>
        new(7, 1, "whatsapp", "6281234567890", OutboxPriority.Interactive, message, 0);

    [Fact]
    public void A_short_text_or_a_question_with_buttons_costs_one()
    {
        Assert.Equal(1, ((IOutboxChannel)_sender).Cost(Outbox(OutboundMessage.Plain("Halo!"))));
        Assert.Equal(1, ((IOutboxChannel)_sender).Cost(Outbox(WhatsAppShapes.WithOptions(3))));
    }

    [Fact]
    public void A_long_text_then_a_question_costs_as_many_as_the_parts_it_goes_as()
    {
        var message = WhatsAppShapes.WithOptions(3, WhatsAppShapes.FiveThousandCharacters());

        var cost = ((IOutboxChannel)_sender).Cost(Outbox(message));

        Assert.Equal(WhatsAppMessageShape.Shape(message, WhatsAppWords.Indonesian).Count, cost);
        Assert.True(cost > 1, "a text over 4096 characters with buttons goes as more than one message");
    }
}
