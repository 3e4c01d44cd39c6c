using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>Messages the shape and sender tests share.</summary>
internal static class WhatsAppShapes
{
    public static OutboundMessage WithOptions(int count, string text = "Pilih salah satu:") =>
        new(text, [.. Enumerable.Range(1, count).Select(i => new Button("Pilihan " + i, "tok12345|v" + i))]);

    public static readonly string LongLabel = "Warung makan dan minuman ringan di pinggir jalan";

    /// <summary>Two paragraphs over 4096 characters: the first 3,000, the second 2,000.</summary>
    public static string FiveThousandCharacters() => new string('a', 2999) + ".\n\n" + new string('b', 1998) + ".";
}
