namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>One request the fake Bot API received, whatever its outcome.</summary>
/// <param name="Method">The Bot API method as the client spelled it (<c>sendMessage</c>), or the path for a request outside <c>/bot{token}/</c>.</param>
/// <param name="Body">The request body: the raw JSON the client sent, or the parameters as JSON for a form or query request; empty when there was none.</param>
/// <param name="At">When the request arrived, on the server's own stopwatch (started with the server), for rate checks.</param>
/// <param name="StatusCode">The HTTP status returned; 0 while the call is in flight (as <see cref="FakeBotApi.SendFailures"/> sees it) or when the connection was dropped.</param>
/// <param name="ChatId">The numeric <c>chat_id</c> parameter, if the request had one.</param>
internal sealed record ApiCall(string Method, string Body, TimeSpan At, int StatusCode, long? ChatId)
{
    /// <summary>The server cut the connection instead of answering (an injected network failure).</summary>
    public bool ConnectionDropped => StatusCode == 0;

    /// <summary>Which of <see cref="FakeBotApi.Entrances"/> the request came through (0: <see cref="FakeBotApi.BaseUrl"/>).</summary>
    public int Entrance { get; init; }
}
