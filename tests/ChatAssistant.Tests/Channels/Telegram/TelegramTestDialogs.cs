namespace ChatAssistant.Tests.Channels.Telegram;

internal static class TelegramTestDialogs
{
    /// <summary>Echoes every note, so each reply says which message it answers.</summary>
    public const string Notes = """
        id: notes
        version: 1
        languages: [id, en]
        title: {id: Catatan, en: Notes}
        commands: [/catat]
        start: note
        steps:
          note:
            ask: {id: "Tulis catatan:", en: "Write a note:"}
          echo:
            say: {id: "Dicatat: {note}", en: "Noted: {note}"}
            next: note
        """;

    /// <summary>One question with buttons, for taps.</summary>
    public const string Choice = """
        id: choice
        version: 1
        languages: [id, en]
        title: {id: Pilihan, en: Choice}
        commands: [/pilih]
        start: sector
        steps:
          sector:
            ask: {id: "Bidang usaha?", en: "Sector?"}
            input: choice
            options:
              - {value: food, id: Makanan, en: Food}
              - {value: craft, id: Kerajinan, en: Craft}
          done:
            end: {id: "Bidang: {sector}", en: "Sector: {sector}"}
            outcome: chosen
        """;

    /// <summary>A phone question, for shared contacts.</summary>
    public const string Contact = """
        id: contact
        version: 1
        languages: [id, en]
        title: {id: Kontak, en: Contact}
        commands: [/kontak]
        start: phone
        steps:
          phone:
            ask: {id: "Nomor HP Anda?", en: "Your mobile number?"}
            input: phone
          done:
            end: {id: "Nomor dicatat: {phone}", en: "Number saved: {phone}"}
            outcome: saved
        """;
}
