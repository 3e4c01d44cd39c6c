using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatAssistant.Health;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// getUpdates over plain HTTP, at the same address as the bot client's, so the answer's bytes are ours to read:
/// Telegram.Bot's typed call fails the whole batch when one update cannot be read, and that batch comes back
/// on every call. Failures Telegram reports come out as <see cref="ApiRequestException"/>, as from the client.
/// </summary>
internal sealed class TelegramUpdateSource(IOptions<TelegramOptions> options, ChannelCalls calls, TimeProvider time) : IDisposable
{
    private const string AllowedUpdates = """["message","edited_message","callback_query","my_chat_member"]""";

    // Answered polls count for the health check, as the bot client's calls do.
    private readonly HttpClient _http = new(new ChannelCallHandler(calls, TelegramInbound.Channel, time) { InnerHandler = new SocketsHttpHandler() })
    {
        Timeout = options.Value.PollTimeout + TimeSpan.FromSeconds(30),
    };

    private readonly Uri _getUpdates = new(
        (string.IsNullOrWhiteSpace(options.Value.ApiBaseUrl) ? "https://api.telegram.org" : options.Value.ApiBaseUrl.TrimEnd('/'))
        + "/bot" + options.Value.BotToken + "/getUpdates");

    /// <summary>The updates from <paramref name="offset"/> on, each read on its own (see <see cref="TelegramUpdateReader"/>).</summary>
    public async Task<List<RawUpdate>> GetUpdatesAsync(long offset, int limit, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var request = new StringBuilder(128)
            .Append(CultureInfo.InvariantCulture, $"{{\"offset\":{offset},\"limit\":{limit},\"timeout\":{timeoutSeconds},\"allowed_updates\":")
            .Append(AllowedUpdates)
            .Append('}')
            .ToString();
        using var content = new StringContent(request, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_getUpdates, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || !IsOk(body))
        {
            throw Failure(response, body);
        }

        return TelegramUpdateReader.ReadBatch(body, offset)
            ?? throw new JsonException("Telegram's getUpdates answer has no result array");
    }

    private static bool IsOk(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return !(document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("ok", out var ok)
                && ok.ValueKind == JsonValueKind.False);
        }
        catch (JsonException)
        {
            // Broken somewhere inside (a byte that is not UTF-8): the updates are read one by one.
            return true;
        }
    }

    private static ApiRequestException Failure(HttpResponseMessage response, byte[] body)
    {
        var code = (int)response.StatusCode;
        var description = $"HTTP {code}";
        ResponseParameters? parameters = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("error_code", out var error) && error.TryGetInt32(out var errorCode))
            {
                code = errorCode;
            }

            if (root.TryGetProperty("description", out var text) && text.ValueKind == JsonValueKind.String)
            {
                description = text.GetString() ?? description;
            }

            if (root.TryGetProperty("parameters", out var more) && more.TryGetProperty("retry_after", out var retry) && retry.TryGetInt32(out var seconds))
            {
                parameters = new ResponseParameters { RetryAfter = seconds };
            }
        }
        catch (JsonException)
        {
            // Not Telegram's error envelope (a proxy's page): the status code says enough.
        }

        return new ApiRequestException(description, code, parameters);
    }

    public void Dispose() => _http.Dispose();
}
