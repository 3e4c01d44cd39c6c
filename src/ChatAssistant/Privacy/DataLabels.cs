namespace ChatAssistant.Privacy;

/// <summary>
/// How /datasaya names what is stored, in the owner's language, instead of the codes the database keeps
/// (<c>food</c>, <c>training-registration</c>, <c>status: seat</c>). A code without a label is shown as stored,
/// so nothing stored is ever hidden from its owner.
/// </summary>
internal static class DataLabels
{
    private static readonly Dictionary<string, (string Id, string En)> Keys = new(StringComparer.Ordinal)
    {
        ["name"] = ("Nama", "Name"),
        ["business_name"] = ("Nama usaha", "Business name"),
        ["sector"] = ("Bidang usaha", "Sector"),
        ["province"] = ("Provinsi", "Province"),
        ["scale"] = ("Skala usaha", "Business scale"),
        ["business_age"] = ("Lama usaha", "Business age"),
        ["workers"] = ("Jumlah pekerja", "Workers"),
        ["nib"] = ("Punya NIB", "Has an NIB"),
        ["npwp"] = ("Punya NPWP", "Has an NPWP"),
        ["nik"] = ("NIK", "NIK"),
        ["phone"] = ("Nomor HP", "Mobile number"),
        ["export_score"] = ("Skor kesiapan ekspor", "Export readiness score"),
        ["export_level"] = ("Tingkat kesiapan ekspor", "Export readiness level"),
        ["export_date"] = ("Tanggal cek ekspor", "Date of the export check"),
        ["program_id"] = ("Pelatihan", "Training"),
        ["status"] = ("Status", "Status"),
        ["code"] = ("Kode pendaftaran", "Registration code"),
        ["waitlist_order"] = ("Urutan daftar tunggu", "Waiting-list order"),
    };

    private static readonly Dictionary<string, (string Id, string En)> Values = new(StringComparer.Ordinal)
    {
        ["food"] = ("makanan & minuman", "food & drink"),
        ["craft"] = ("kerajinan", "crafts"),
        ["fashion"] = ("fesyen", "fashion"),
        ["agriculture"] = ("pertanian/perikanan", "farming & fishing"),
        ["trade"] = ("perdagangan", "trade"),
        ["services"] = ("jasa", "services"),
        ["other"] = ("lainnya", "other"),
        ["micro"] = ("mikro", "micro"),
        ["small"] = ("kecil", "small"),
        ["medium"] = ("menengah", "medium"),
        ["large"] = ("besar", "large"),
        ["under_6m"] = ("kurang dari 6 bulan", "under 6 months"),
        ["6m_3y"] = ("6 bulan - 3 tahun", "6 months - 3 years"),
        ["over_3y"] = ("lebih dari 3 tahun", "over 3 years"),
        ["ready"] = ("siap ekspor", "ready to export"),
        ["getting_ready"] = ("mulai siap ekspor", "getting ready to export"),
        ["not_ready"] = ("belum siap ekspor", "not ready to export yet"),
        ["seat"] = ("dapat kursi", "seat confirmed"),
        ["waitlist"] = ("daftar tunggu", "waiting list"),
        ["cancelled"] = ("dibatalkan", "cancelled"),
    };

    private static readonly Dictionary<string, (string Id, string En)> Dialogs = new(StringComparer.Ordinal)
    {
        ["stimulus-eligibility"] = ("Cek bantuan usaha", "Check business aid"),
        ["training-registration"] = ("Daftar pelatihan", "Register for a training"),
        ["export-readiness"] = ("Cek kesiapan ekspor", "Export readiness check"),
        ["registration-status"] = ("Status pendaftaran", "Registration status"),
        ["training-cancel"] = ("Batalkan pendaftaran pelatihan", "Cancel a training registration"),
        ["privacy-my-data"] = ("Data saya", "My data"),
        ["privacy-delete"] = ("Hapus data saya", "Delete my data"),
        ["announcements-stop"] = ("Berhenti pengumuman", "Stop announcements"),
        ["announcements-start"] = ("Mulai pengumuman", "Start announcements"),
    };

    private static readonly Dictionary<string, (string Id, string En)> Outcomes = new(StringComparer.Ordinal)
    {
        ["criteria_met"] = ("memenuhi kriteria program", "meets programme criteria"),
        ["none_met"] = ("belum ada program yang cocok", "no programme fits yet"),
        ["no_consent"] = ("tidak setuju", "did not agree"),
        ["registered"] = ("terdaftar", "registered"),
        ["waitlisted"] = ("daftar tunggu", "waiting list"),
        ["closed"] = ("pendaftaran ditutup", "registration closed"),
        ["none_open"] = ("tidak ada pelatihan dibuka", "no training open"),
        ["not_fit"] = ("pelatihan tidak sesuai", "training did not fit"),
        ["ready"] = ("siap ekspor", "ready to export"),
        ["getting_ready"] = ("mulai siap ekspor", "getting ready to export"),
        ["not_ready"] = ("belum siap ekspor", "not ready to export yet"),
    };

    public static string Key(string key, bool english) => Read(Keys, key, english);

    public static string Value(string value, bool english) => Read(Values, value, english);

    public static string Dialog(string dialogId, bool english) => Read(Dialogs, dialogId, english);

    public static string Outcome(string outcome, bool english) => Read(Outcomes, outcome, english);

    private static string Read(Dictionary<string, (string Id, string En)> map, string code, bool english) =>
        map.TryGetValue(code, out var label) ? (english ? label.En : label.Id) : code;
}
