using System.Globalization;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>
/// An owner as the Cloud API's webhooks name them: the WhatsApp id (the phone number) and, since April 2026, the
/// business-scoped user id (BSUID), which the worker keys owners by when present.
/// </summary>
internal sealed record CloudOwner(string WaId, string? UserId, string Name = "Sari Dewi")
{
    /// <summary>The owner's key in the worker's database (users.chat_id): the BSUID when there is one.</summary>
    public string Key => UserId ?? WaId;

    /// <summary>Owner <paramref name="n"/> of a crowd: a distinct Indonesian mobile number and BSUID.</summary>
    public static CloudOwner Numbered(int n) => new(
        string.Create(CultureInfo.InvariantCulture, $"62812{n:D8}"),
        string.Create(CultureInfo.InvariantCulture, $"ID.{7_300_000_000_000_000_000UL + (ulong)n}"),
        string.Create(CultureInfo.InvariantCulture, $"Pemilik {n}"));

    /// <summary>Whether a send's <c>to</c> names this owner (by BSUID or phone).</summary>
    public bool Is(string to) => to == UserId || to == WaId;
}
