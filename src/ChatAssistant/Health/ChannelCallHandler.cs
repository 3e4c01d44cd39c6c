namespace ChatAssistant.Health;

/// <summary>
/// Sits in a channel client's HTTP pipeline and notes every answered call (2xx): whatever the call was (a poll,
/// a send, a probe), the channel's API was reachable and accepted the credentials then.
/// </summary>
internal sealed class ChannelCallHandler(ChannelCalls calls, string channel, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            calls.Succeeded(channel, time.GetUtcNow());
        }

        return response;
    }
}
