using ChatAssistant.Broadcasts;

namespace ChatAssistant.OperatorConsole;

/// <summary>The broadcasts' words on the console's pages: Indonesian, with the stored English word after it.</summary>
internal static class BroadcastText
{
    public static string Status(BroadcastStatus status) => status switch
    {
        BroadcastStatus.Scheduled => "terjadwal",
        BroadcastStatus.Sending => "sedang dikirim",
        BroadcastStatus.Finished => "selesai",
        BroadcastStatus.Cancelled => "dibatalkan",
        _ => status.Name(),
    } + " (" + status.Name() + ")";

    /// <summary>How the compose page names each segment filter (<see cref="SegmentParser.Filters"/>), Indonesian first.</summary>
    public static string Filter(string name) => name switch
    {
        "province" => "Provinsi (province)",
        "sector" => "Sektor usaha (sector)",
        "class" => "Kelas usaha (class): mikro, kecil, menengah, besar",
        "language" => "Bahasa (language): id atau en",
        "outcome" => "Hasil dialog (outcome): DIALOG:HASIL",
        "answer" => "Jawaban (answer): KUNCI:NILAI",
        "registered" => "Terdaftar di program (registered)",
        "not-registered" => "Belum terdaftar di program (not registered)",
        "export-score-min" => "Skor ekspor minimal (export score min), 0-100",
        "active-since" => "Aktif sejak (active since), tanggal WIB",
        "channel" => "Aplikasi chat (channel): telegram atau whatsapp",
        _ => name,
    };

    public static string Channel(string channel) => channel switch
    {
        Shared.ChannelNames.Telegram => "Telegram",
        Shared.ChannelNames.WhatsApp => "WhatsApp",
        _ => channel,
    };
}
