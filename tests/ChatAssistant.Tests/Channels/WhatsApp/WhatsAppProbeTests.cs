using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Health;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>The health probe against the stand-in Cloud API, through the call-recording handler the worker puts in front of it.</summary>
public sealed class WhatsAppProbeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly ChannelCalls _calls = new();
    private HttpClient _http = null!;
    private FakeCloudApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeCloudApi.StartAsync();
        _http = new HttpClient(new ChannelCallHandler(_calls, "whatsapp", _time) { InnerHandler = new SocketsHttpHandler() });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_probe_meta_answers_notes_a_successful_whatsapp_call_and_sends_nothing()
    {
        var probe = new WhatsAppProbe(_http, new WhatsAppSendSettings(_api.ApiBaseUrl, _api.PhoneNumberId, _api.AccessToken));

        await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal("whatsapp", probe.Channel);
        Assert.Equal(1, _api.NumberLookups);
        Assert.Empty(_api.Sends);
        Assert.Equal(_time.GetUtcNow(), _calls.LastSuccess("whatsapp"));
    }

    [Theory]
    [InlineData("EAAG-expired-token", null)]
    [InlineData(null, "999999999999")]
    public async Task A_probe_meta_refuses_fails_and_notes_nothing(string? token, string? phoneNumberId)
    {
        var probe = new WhatsAppProbe(_http, new WhatsAppSendSettings(_api.ApiBaseUrl, phoneNumberId ?? _api.PhoneNumberId, token ?? _api.AccessToken));

        await Assert.ThrowsAsync<HttpRequestException>(() => probe.ProbeAsync(CancellationToken.None));

        Assert.Equal(1, _api.NumberLookups);
        Assert.Null(_calls.LastSuccess("whatsapp"));
    }
}
