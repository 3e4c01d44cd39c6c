using Microsoft.AspNetCore.Http;

namespace ChatAssistant.Channels;

/// <summary>A webhook's body as raw bytes (signatures and dead letters need them as sent), refused past a size.</summary>
internal static class WebhookRawBody
{
    /// <summary>The whole body; <see cref="InvalidDataException"/> once it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException("webhook body too large");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
