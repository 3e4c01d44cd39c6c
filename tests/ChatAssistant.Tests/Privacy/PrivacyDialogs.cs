using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Privacy;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Privacy;

/// <summary>The shipped privacy dialogs beside a small dialog that collects a NIK and a phone, with the real actions.</summary>
internal static class PrivacyDialogs
{
    public const string Nik = "3171234501900001";
    public const string PhoneTyped = "0812-3456-7890";

    /// <summary>The phone's digits after the country or trunk prefix: found whether stored as +62... or 08....</summary>
    public const string PhoneDigits = "81234567890";

    public const string Identity = """
        id: identity
        version: 1
        title: Identitas
        commands: [/identitas]
        start: nik
        steps:
          nik:
            ask: NIK Anda?
            input: nik
            save: profile.nik
          phone:
            ask: Nomor HP?
            input: phone
            save: profile.phone
          note:
            ask: Catatan untuk petugas?
          done:
            end: "Terima kasih. NIK {profile.nik}, HP {profile.phone}, catatan: {note}."
            outcome: registered
        """;

    public static IReadOnlyList<DialogSource> Sources()
    {
        var folder = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        return
        [
            new DialogSource("identity.yaml", Identity),
            new DialogSource("privacy-my-data.yaml", File.ReadAllText(Path.Combine(folder, "privacy-my-data.yaml"))),
            new DialogSource("privacy-delete.yaml", File.ReadAllText(Path.Combine(folder, "privacy-delete.yaml"))),
        ];
    }

    public static HostParts Host() =>
        new(Actions: (store, _) => new DialogActions([new PrivacyActions(store.Privacy(), store.Broadcasts(), NullLogger<PrivacyActions>.Instance)]));

    public static Task<WriterFixture> StartAsync(string databasePath) => WriterFixture.StartAsync(databasePath, Sources(), Host());

    public static Task<WriterFixture> StartAsync(StorageTarget target) => WriterFixture.StartAsync(target, Sources(), Host());

    /// <summary>Takes the identity dialog to its end, so the NIK and phone are in the profile and answers, and the phone in a reply.</summary>
    public static async Task GiveIdentityAsync(WriterFixture fixture, string chatId)
    {
        await fixture.SendAsync(chatId, "/identitas");
        await fixture.SendAsync(chatId, Nik);
        await fixture.SendAsync(chatId, PhoneTyped);
        var end = await fixture.SendAsync(chatId, "hubungi saya di " + PhoneTyped);

        // The assistant masks the NIK it repeats; the phone typed inside a free-text note is echoed as typed,
        // so a reply in the outbox still carries personal data for the deletion to remove.
        Assert.Contains(Nik[..4] + "********" + Nik[^4..], end.Reply!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Nik, end.Reply.Text, StringComparison.Ordinal);
        Assert.Contains(PhoneTyped, end.Reply.Text, StringComparison.Ordinal);
    }
}
