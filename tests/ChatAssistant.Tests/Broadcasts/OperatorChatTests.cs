using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Channels.Telegram;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

public sealed class OperatorChatTests : IDisposable
{
    private const string Operator = "111";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Fact]
    public async Task Siaran_from_anyone_but_an_operator_gets_the_unknown_command_answer()
    {
        await using var fixture = await StartAsync();

        var siaran = await SendAsync(fixture, "222", "/siaran");
        var unknown = await SendAsync(fixture, "222", "/tidakada");

        Assert.Contains("/tidakada", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(unknown.Text.Replace("/tidakada", "/siaran", StringComparison.Ordinal), siaran.Text);
        Assert.Equal(unknown.Buttons, siaran.Buttons);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM conversations WHERE dialog_id = 'broadcast-send'"));
    }

    [Fact]
    public async Task An_operators_chat_id_only_counts_on_telegram()
    {
        await using var fixture = await StartAsync();

        // The same id on another channel (the test channel, the terminal) is somebody else.
        var reply = await fixture.SendAsync(Operator, "/siaran");

        Assert.StartsWith("Maaf, perintah /siaran tidak dikenal.", reply.Reply!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_sends_a_broadcast_from_the_chat_after_a_preview_and_a_yes()
    {
        await using var fixture = await StartAsync();
        var owners = new Owners(Db);
        owners.InProvince("padang-1", "Sumatera Barat");
        owners.InProvince("padang-2", "Sumatera Barat");
        owners.InProvince("pekanbaru", "Riau");

        var first = await SendAsync(fixture, Operator, "/siaran");
        Assert.StartsWith("Tulis teks pengumuman untuk pemilik usaha", first.Text, StringComparison.Ordinal);

        var filters = await SendAsync(fixture, Operator, "Pendaftaran Bimtek Padang ditutup Jumat.");
        Assert.StartsWith("Untuk siapa?", filters.Text, StringComparison.Ordinal);

        var wrong = await SendAsync(fixture, Operator, "provinsi=Atlantis");
        Assert.Contains("Provinsi \"Atlantis\" tidak dikenal.", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));

        var confirm = await SendAsync(fixture, Operator, "provinsi=Sumbar");
        Assert.Contains("akan dikirim ke 2 pemilik usaha (province=Sumatera Barat)", confirm.Text, StringComparison.Ordinal);
        Assert.Contains("Pendaftaran Bimtek Padang ditutup Jumat.\n\nTidak ingin menerima pengumuman? Ketik /berhenti", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts")); // nothing is sent before the yes

        var yes = confirm.Buttons.First(b => b.Label.StartsWith("Ya", StringComparison.Ordinal));
        var sent = await SubmitAsync(fixture, Operator, InboundMessage.FromButton(yes.Data, yes.Label));

        var operatorId = Sql.Count(Db, $"SELECT id FROM users WHERE channel = 'telegram' AND chat_id = '{Operator}'");
        var id = Sql.Count(Db, "SELECT id FROM broadcasts");
        Assert.StartsWith($"Siaran #{id} dimulai untuk 2 pemilik usaha", sent.Text, StringComparison.Ordinal);
        Assert.Equal("province=Sumatera Barat", Sql.Text(Db, $"SELECT segment FROM broadcasts WHERE id = {id}"));
        Assert.Equal($"chat:{operatorId}", Sql.Text(Db, $"SELECT created_by FROM broadcasts WHERE id = {id}"));
        Assert.Equal("Pendaftaran Bimtek Padang ditutup Jumat.", Sql.Text(Db, $"SELECT text_id FROM broadcasts WHERE id = {id}"));
        Assert.Equal(["padang-1", "padang-2"], owners.Recipients(id, "waiting"));
    }

    [Fact]
    public async Task An_operator_who_answers_no_sends_nothing()
    {
        await using var fixture = await StartAsync();
        new Owners(Db).InProvince("padang-1", "Sumatera Barat");

        await SendAsync(fixture, Operator, "/siaran");
        await SendAsync(fixture, Operator, "Pendaftaran Bimtek Padang ditutup Jumat.");
        await SendAsync(fixture, Operator, "semua");
        var no = await SendAsync(fixture, Operator, "tidak");

        Assert.StartsWith("Baik, pengumuman tidak dikirim.", no.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task A_filter_value_no_owner_has_is_explained_with_the_values_there_are()
    {
        await using var fixture = await StartAsync();
        Sql.Execute(Db, "INSERT INTO users (channel, chat_id, language, created_at, last_seen_at) VALUES ('telegram', 'padang-1', 'id', 0, 0)");
        Sql.Execute(Db, "INSERT INTO profile_values (user_id, key, value, updated_at) SELECT id, 'sector', 't:food', 0 FROM users WHERE chat_id = 'padang-1'");

        await SendAsync(fixture, Operator, "/siaran");
        await SendAsync(fixture, Operator, "Pelatihan pengemasan dibuka minggu depan.");
        var wrong = await SendAsync(fixture, Operator, "sektor=makanan");

        Assert.Contains("Belum ada pemilik usaha dengan sektor \"makanan\". Sektor yang ada: food.", wrong.Text, StringComparison.Ordinal);
        Assert.Contains("Untuk siapa?", wrong.Text, StringComparison.Ordinal);
        var confirm = await SendAsync(fixture, Operator, "sektor=food");
        Assert.Contains("akan dikirim ke 1 pemilik usaha (sector=food)", confirm.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_count_step_says_who_the_segment_leaves_out_and_why()
    {
        await using var fixture = await StartAsync();
        var owners = new Owners(Db);
        owners.InProvince("padang-1", "Sumatera Barat");
        owners.InProvince("terminal", "Sumatera Barat", channel: "console");
        owners.OptOut(owners.InProvince("padang-2", "Sumatera Barat"));
        owners.Unreachable(owners.InProvince("padang-3", "Sumatera Barat"));

        await SendAsync(fixture, Operator, "/siaran");
        await SendAsync(fixture, Operator, "Pendaftaran Bimtek Padang ditutup Jumat.");
        var confirm = await SendAsync(fixture, Operator, "provinsi=Sumbar");

        Assert.Contains(
            "akan dikirim ke 1 pemilik usaha (province=Sumatera Barat). Tidak termasuk: 1 pemilik usaha yang hanya memakai chat terminal "
            + "(pengumuman hanya lewat aplikasi chat), 1 pemilik usaha yang mematikan pengumuman (/berhenti), 1 pemilik usaha yang tidak bisa dihubungi (memblokir asisten).",
            confirm.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_segment_of_nobody_is_said_plainly_with_the_reason_and_no_broadcast_is_created()
    {
        await using var fixture = await StartAsync();
        var owners = new Owners(Db);
        owners.InProvince("pekanbaru", "Riau");
        owners.InProvince("terminal", "Sumatera Barat", channel: "console");

        await SendAsync(fixture, Operator, "/siaran");
        await SendAsync(fixture, Operator, "Pendaftaran Bimtek Padang ditutup Jumat.");
        var nobody = await SendAsync(fixture, Operator, "provinsi=Sumbar");

        Assert.StartsWith(
            "Tidak ada pemilik usaha yang cocok dengan filter itu (province=Sumatera Barat), jadi tidak ada yang dikirim dan tidak ada siaran yang dibuat. "
            + "Tidak termasuk: 1 pemilik usaha yang hanya memakai chat terminal (pengumuman hanya lewat aplikasi chat).\n",
            nobody.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task A_segment_that_empties_before_the_yes_creates_no_broadcast()
    {
        await using var fixture = await StartAsync();
        var owners = new Owners(Db);
        var only = owners.InProvince("padang-1", "Sumatera Barat");

        await SendAsync(fixture, Operator, "/siaran");
        await SendAsync(fixture, Operator, "Pendaftaran Bimtek Padang ditutup Jumat.");
        var confirm = await SendAsync(fixture, Operator, "provinsi=Sumbar");
        owners.OptOut(only); // the only owner says /berhenti while the operator reads the preview
        var yes = confirm.Buttons.First(b => b.Label.StartsWith("Ya", StringComparison.Ordinal));
        var answer = await SubmitAsync(fixture, Operator, InboundMessage.FromButton(yes.Data, yes.Label));

        Assert.StartsWith("Sejak pratinjau, tidak ada lagi pemilik usaha yang cocok", answer.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Theory]
    [InlineData("provinsi=Sumbr", "Provinsi \"Sumbr\" tidak dikenal (maksud Anda Sumbar, yaitu Sumatera Barat?).")]
    [InlineData("provins=Sumbar", "Filter \"provins\" tidak dikenal (maksud Anda provinsi?).")]
    [InlineData("kelas=mkro", "Kelas usaha \"mkro\" tidak dikenal (maksud Anda mikro?)")]
    [InlineData("sektor=fod", "Belum ada pemilik usaha dengan sektor \"fod\" (maksud Anda food?). Sektor yang ada: food.")]
    [InlineData("bahasa=jawa", "Bahasa \"jawa\" tidak ada: id atau en.")]
    [InlineData("hasil=stimulus-eligibility:bpum_eligble", "Belum ada percakapan stimulus-eligibility yang berakhir dengan hasil \"bpum_eligble\" (maksud Anda bpum_eligible?).")]
    [InlineData("jawaban=kur_reslt:micro", "Belum ada jawaban yang tersimpan dengan kunci \"kur_reslt\" (maksud Anda kur_result?).")]
    [InlineData("terdaftar=bimtek-digitl", "Belum ada yang terdaftar di program \"bimtek-digitl\" (maksud Anda bimtek-digital?).")]
    [InlineData("belum-terdaftar=bimtek-digitl", "Tidak ada program \"bimtek-digitl\" (maksud Anda bimtek-digital?).")]
    public async Task A_misspelt_filter_value_gets_a_suggestion_in_the_operators_language_and_is_asked_again(string filters, string expected)
    {
        await using var fixture = await StartAsync();
        var owners = new Owners(Db);
        var ani = owners.Add("padang-1", profile: [("province", "t:Sumatera Barat"), ("sector", "t:food")]);
        owners.Conversation(ani, "stimulus-eligibility", 2, "bpum_eligible", ("kur_result", "t:micro"));
        owners.Registration(ani, "bimtek-digital", "seat");

        await SendAsync(fixture, Operator, "/siaran");
        await SendAsync(fixture, Operator, "Pendaftaran Bimtek Padang ditutup Jumat.");
        var wrong = await SendAsync(fixture, Operator, filters);

        Assert.StartsWith("Filternya belum benar:\n" + expected, wrong.Text, StringComparison.Ordinal);
        Assert.Contains("Untuk siapa?", wrong.Text, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    private Task<WriterFixture> StartAsync() =>
        WriterFixture.StartAsync(Db, TestDialogs.Sales, Owners.Actions(Owners.ShippedDialog("broadcast-send.yaml")),
            new OperatorOptions { TelegramUserIds = { 111 } });

    /// <summary>A message from a Telegram private chat (operators are recognised on Telegram only).</summary>
    private static Task<OutboundMessage> SendAsync(WriterFixture fixture, string chatId, string text) =>
        SubmitAsync(fixture, chatId, InboundMessage.FromText(text));

    private static async Task<OutboundMessage> SubmitAsync(WriterFixture fixture, string chatId, InboundMessage message)
    {
        var handled = await fixture.Writer.SubmitAsync(new InboundEnvelope(
            TelegramInbound.Channel, chatId, Guid.NewGuid().ToString("N"), message, fixture.Time.GetUtcNow()));
        return handled.Reply!;
    }
}
