using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ChatAssistant.Dialogs.Messages;

/// <summary>
/// What a button sends back. A command button is the command itself. An answer button is built as
/// <c>step|value</c> (the compiled form, shared by every owner) and, when it is rendered for one conversation,
/// sent as <c>token|value</c>: the token names that conversation and that rendering of the question, so a tap on
/// an older message, a replayed or a forged tap, or one from another owner's chat is recognised and changes nothing.
/// </summary>
public static class ButtonData
{
    /// <summary>Telegram's limit for callback data, in UTF-8 bytes; longer data is never an answer.</summary>
    public const int MaxBytes = 64;

    /// <summary>Characters of a tap token: 48 bits of a hash, base64url.</summary>
    public const int TokenLength = 8;

    private const char Separator = '|';

    /// <summary>The compiled form of an answer button, before it is rendered for a conversation.</summary>
    public static string ForAnswer(string stepId, string value) => string.Concat(stepId, "|", value);

    /// <summary>The rendered form of an answer button: the tap token and the value.</summary>
    public static string ForTap(string token, ReadOnlySpan<char> value) => ForTap(token.AsSpan(), value);

    public static string ForTap(ReadOnlySpan<char> token, ReadOnlySpan<char> value) => string.Concat(token, "|", value);

    /// <summary>Bytes a rendered answer button takes for this value; the validator holds it to <see cref="MaxBytes"/>.</summary>
    public static int TapBytes(string value) => TokenLength + 1 + Encoding.UTF8.GetByteCount(value);

    /// <summary>Splits <c>head|value</c>; the head is a step id (compiled form) or a token (rendered form).</summary>
    public static bool TryParseAnswer(string data, out ReadOnlySpan<char> stepId, out ReadOnlySpan<char> value)
    {
        var cut = data.IndexOf(Separator, StringComparison.Ordinal);
        if (cut <= 0)
        {
            stepId = default;
            value = default;
            return false;
        }

        stepId = data.AsSpan(0, cut);
        value = data.AsSpan(cut + 1);
        return true;
    }

    /// <summary>
    /// The token for one rendering of a question: a hash of the owner, the conversation (its dialog and start),
    /// the step and the conversation's render count. Not a secret: it binds a tap to what was shown, so that only
    /// a tap on the latest rendering of the current question answers it.
    /// </summary>
    public static string Token(long ownerId, string dialogId, DateTimeOffset startedAt, string stepId, int render)
    {
        Span<char> token = stackalloc char[TokenLength];
        WriteToken(token, ownerId, dialogId, startedAt, stepId, render);
        return new string(token);
    }

    /// <summary><see cref="Token"/> written into <paramref name="destination"/> (<see cref="TokenLength"/> characters), allocating nothing.</summary>
    public static void WriteToken(Span<char> destination, long ownerId, string dialogId, DateTimeOffset startedAt, ReadOnlySpan<char> stepId, int render)
    {
        var length = 20 + Encoding.UTF8.GetByteCount(dialogId) + 1 + Encoding.UTF8.GetByteCount(stepId);
        byte[]? rented = null;
        var buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, ownerId);
            BinaryPrimitives.WriteInt64LittleEndian(buffer[8..], startedAt.ToUnixTimeMilliseconds());
            BinaryPrimitives.WriteInt32LittleEndian(buffer[16..], render);
            var at = 20 + Encoding.UTF8.GetBytes(dialogId, buffer[20..]);
            buffer[at++] = 0;
            at += Encoding.UTF8.GetBytes(stepId, buffer[at..]);

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..at], hash);
            Base64Url.EncodeToChars(hash[..6], destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
