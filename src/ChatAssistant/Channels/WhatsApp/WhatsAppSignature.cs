using System.Security.Cryptography;

namespace ChatAssistant.Channels.WhatsApp;

/// <summary>
/// Meta signs every webhook body with the app secret: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256&gt;</c>. The
/// check runs over the raw bytes, before anything parses them, in constant time so the answer's timing tells
/// nothing about how much of a forged signature was right.
/// </summary>
internal static class WhatsAppSignature
{
    public const string Header = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, ReadOnlySpan<byte> appSecret)
    {
        if (header is null || header.Length != Prefix.Length + (2 * HMACSHA256.HashSizeInBytes)
            || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(appSecret, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>The header value for <paramref name="body"/>, as Meta computes it.</summary>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(appSecret, body));
}
