using System.Globalization;

namespace ChatAssistant.Tests.Replicas;

/// <summary>
/// A short dialog of four steps whose every reply repeats what it answers, so the stand-in can tell, for each owner,
/// that the replies came in the order the messages were sent and that each answers the message before it.
/// </summary>
internal static class ReplicaDialog
{
    public const string Yaml = """
        id: usaha
        version: 1
        languages: [id, en]
        title: {id: Data usaha, en: Business data}
        commands: [/mulai]
        start: name
        steps:
          name:
            ask: {id: "Nama usaha?", en: "Business name?"}
          city:
            ask: {id: "{name}: di kota mana?", en: "{name}: which city?"}
          workers:
            ask: {id: "{name} di {city}: berapa karyawan?", en: "{name} in {city}: how many workers?"}
            input: integer
          done:
            end: {id: "Selesai: {name}, {city}, {workers} karyawan.", en: "Done: {name}, {city}, {workers} workers."}
            outcome: saved
        """;

    /// <summary>What owner <paramref name="chatId"/> types, one update each.</summary>
    public static IReadOnlyList<string> Messages(long chatId) =>
        ["/mulai", Name(chatId), City(chatId), Workers(chatId)];

    /// <summary>The replies, in order: the i-th answers the i-th message, the last two the last one.</summary>
    public static IReadOnlyList<string> Replies(long chatId) =>
    [
        "Nama usaha?",
        $"{Name(chatId)}: di kota mana?",
        $"{Name(chatId)} di {City(chatId)}: berapa karyawan?",
        $"Selesai: {Name(chatId)}, {City(chatId)}, {Workers(chatId)} karyawan.",

        // The assistant's own line after a dialog's end.
        "Ketik /menu untuk layanan lain.",
    ];

    private static string Name(long chatId) => "Usaha" + chatId.ToString(CultureInfo.InvariantCulture);

    private static string City(long chatId) => "Kota" + chatId.ToString(CultureInfo.InvariantCulture);

    // Under a thousand, so no thousands separator can enter the reply.
    private static string Workers(long chatId) => (chatId % 97 + 2).ToString(CultureInfo.InvariantCulture);
}
