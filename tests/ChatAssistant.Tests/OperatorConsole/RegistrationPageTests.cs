using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Tests.Support;
using CsvHelper;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The console's registrations pages in the real worker over HTTP, read with an HTML parser: not there without a
/// session, each programme's seats, seats taken and waiting list, the registrants' table with its search and masked
/// numbers, and the CSV download: refused without its anti-forgery token, NIKs masked unless a reason is written, and
/// every download an audit row (export_downloaded) with its reason.
/// </summary>
public sealed class RegistrationPageTests : IDisposable
{
    private const string Programme = ConsolePaths.Registrations + "/bimtek-digital";

    private const string Catalogue = """
        programs:
          - id: bimtek-digital
            title: { id: Bimtek Pemasaran Digital, en: Digital Marketing Guidance }
            organiser: Balai Diklat Industri Surabaya
            mode: offline
            location: Surabaya
            start: 2026-12-14
            end: 2026-12-18
            capacity: 3
            deadline: 2026-12-07
            description: { id: Lima hari praktik., en: Five hands-on days. }
          - id: ekspor-pemula
            title: { id: Kelas Ekspor Pemula, en: Export Basics }
            organiser: Kementerian Perdagangan
            mode: online
            location: Zoom
            start: 2026-11-20
            end: 2026-11-21
            capacity: 10
            deadline: 2026-11-15
            description: { id: Dua hari., en: Two days. }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("/console/pendaftaran")]
    [InlineData("/console/pendaftaran/bimtek-digital")]
    [InlineData("/console/pendaftaran/bimtek-digital?q=sari")]
    public async Task Without_a_session_a_registrations_page_is_not_found(string path)
    {
        await using var worker = await StartAsync();
        Seed();

        using var response = await worker.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Sari", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_a_download_is_not_found_and_not_audited()
    {
        await using var worker = await StartAsync();
        Seed();

        using var response = await worker.PostAsync(Programme, Fields(("FullNik", "true"), ("Reason", "verifikasi data peserta")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(Nik(1), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit"));
    }

    [Fact]
    public async Task Each_programme_is_listed_with_its_seats_seats_taken_free_seats_waiting_list_and_cancellations()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        Seed();

        var page = await worker.PageAsync(ConsolePaths.Registrations);

        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("Bimtek Pemasaran Digital", rows[0][0], StringComparison.Ordinal);
        Assert.Contains("dibuka s.d. 2026-12-07", rows[0][1], StringComparison.Ordinal);
        Assert.Equal(["3", "3", "0", "1", "1"], rows[0][2..]);
        Assert.Contains("ditutup", rows[1][1], StringComparison.Ordinal);
        Assert.Equal(["10", "0", "10", "0", "0"], rows[1][2..]);
        Assert.NotNull(page.QuerySelector($"a[href='{Programme}']"));
    }

    [Fact]
    public async Task A_programmes_registrants_are_listed_in_order_with_nik_and_phone_masked_and_found_by_search()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        Seed();

        var page = await worker.PageAsync(Programme);

        Assert.Equal(["3", "3", "0", "1", "1"], new[] { "capacity", "seats", "free", "waitlist", "cancelled" }.Select(id => page.GetElementById(id)!.TextContent));
        var rows = Table(page);
        Assert.Equal(["SEAT0001", "SEAT0002", "SEAT0003", "WAIT0004", "GONE0005"], rows.Select(r => r[0]));
        Assert.Equal("1", rows[3][2]);
        Assert.Equal(("Sari Dewi", "Keripik Sari", "Jawa Timur"), (rows[0][3], rows[0][4], rows[0][6]));
        Assert.Equal("3578********0001", rows[0][7]);
        Assert.DoesNotContain("+6281200000001", rows[0][8], StringComparison.Ordinal);
        Assert.Contains("*", rows[0][8], StringComparison.Ordinal);
        Assert.Equal("2026-12-01T09:00:00+07:00", rows[0][9]);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(Nik(1), html, StringComparison.Ordinal);
        Assert.DoesNotContain("+6281200000001", html, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("label[for='q']"));
        Assert.NotNull(page.QuerySelector("label[for='reason']"));
        Assert.NotNull(page.QuerySelector("label[for='full-nik']"));

        var found = await worker.PageAsync(Programme + "?q=sari+timur");
        Assert.Equal(["SEAT0001"], Table(found).Select(r => r[0]));
        Assert.Equal("sari timur", ((IHtmlInputElement)found.GetElementById("q")!).Value);
        Assert.Contains("1 dari 1 yang cocok (5 pendaftaran)", found.GetElementById("shown")!.TextContent, StringComparison.Ordinal);

        var none = await worker.PageAsync(Programme + "?q=" + Nik(1));
        Assert.Empty(Table(none));
        Assert.Contains("Tidak ada yang cocok", none.GetElementById("shown")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_programme_is_not_found()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);

        using var response = await worker.GetAsync(ConsolePaths.Registrations + "/tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_download_without_the_anti_forgery_token_is_refused_and_not_audited()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        Seed();
        _ = await worker.PageAsync(Programme); // the anti-forgery cookie is set; the form's token is left out below

        using var response = await worker.PostAsync(Programme, Fields(("FullNik", "true"), ("Reason", "verifikasi data peserta")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Nik(1), body, StringComparison.Ordinal);
        Assert.DoesNotContain("SEAT0001", body, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action = 'export_downloaded'"));
    }

    [Fact]
    public async Task A_download_without_full_niks_is_the_csv_with_niks_masked_and_one_audit_row()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        Seed();
        var page = await worker.PageAsync(Programme);

        using var response = await worker.PostAsync(Programme, Fields(("Reason", "diabaikan tanpa centang"), (ConsoleWeb.AntiforgeryFieldName, Token(page).Value)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("pendaftaran-bimtek-digital-20261201-1000.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = await CsvAsync(response);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Contains("*", r["nik"], StringComparison.Ordinal));
        Assert.Equal("3578********0001", rows[0]["nik"]);
        Assert.Equal("Sari Dewi", rows[0]["name"]);
        Assert.Equal("programme=bimtek-digital; rows=5; nik=masked",
            Sql.Text(_folder.DatabasePath, $"SELECT detail FROM console_audit WHERE action = 'export_downloaded' AND operator = 'telegram:{ConsoleWorker.OperatorId}'"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("perlu")]
    public async Task Full_niks_without_a_reason_are_refused_with_the_form_again_and_nothing_downloaded_or_audited(string reason)
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        Seed();
        var page = await worker.PageAsync(Programme);

        using var response = await worker.PostAsync(Programme, Fields(("FullNik", "true"), ("Reason", reason), (ConsoleWeb.AntiforgeryFieldName, Token(page).Value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var again = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tulis alasan", again.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)again.GetElementById("full-nik")!).IsChecked);
        Assert.DoesNotContain(Nik(1), again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM console_audit WHERE action = 'export_downloaded'"));
    }

    [Fact]
    public async Task Full_niks_with_a_reason_are_in_the_csv_and_the_reason_is_in_the_audit_log()
    {
        await using var worker = await StartAsync();
        await worker.SignInAsync(_folder);
        Seed();
        var page = await worker.PageAsync(Programme);
        const string Reason = "Verifikasi data peserta <b>panitia</b>";

        using var response = await worker.PostAsync(Programme, Fields(("FullNik", "true"), ("Reason", Reason), (ConsoleWeb.AntiforgeryFieldName, Token(page).Value)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await CsvAsync(response);
        Assert.Equal([Nik(1), Nik(2), Nik(3), Nik(4), Nik(5)], rows.Select(r => r["nik"]));
        Assert.Equal("programme=bimtek-digital; rows=5; nik=full; reason=" + Reason,
            Sql.Text(_folder.DatabasePath, $"SELECT detail FROM console_audit WHERE action = 'export_downloaded' AND operator = 'telegram:{ConsoleWorker.OperatorId}'"));

        var audit = await worker.PageAsync(ConsolePaths.Audit);
        Assert.Contains(audit.QuerySelectorAll("td"), c => c.TextContent == "programme=bimtek-digital; rows=5; nik=full; reason=" + Reason);
        Assert.Null(audit.QuerySelector("td b"));
    }

    private Task<ConsoleWorker> StartAsync() => ConsoleWorker.StartAsync(_folder, new Dictionary<string, string?>
    {
        ["Training:CatalogPath"] = _folder.File("training-programs.yaml", Catalogue),
    });

    /// <summary>Five registrations of bimtek-digital (three seats, one waiting, one cancelled) and one of another programme.</summary>
    private void Seed()
    {
        var registrations = new[] { ("SEAT0001", "seat", (int?)null), ("SEAT0002", "seat", null), ("SEAT0003", "seat", null), ("WAIT0004", "waitlist", 1), ("GONE0005", "cancelled", null) };
        for (var i = 0; i < registrations.Length; i++)
        {
            var (code, status, order) = registrations[i];
            Register(1001 + i, "bimtek-digital", code, status, order, i + 1);
        }

        Register(1010, "ekspor-pemula-lama", "OTHR0010", "seat", null, 10);
        Profile(1001, "name", "Sari Dewi");
        Profile(1001, "business_name", "Keripik Sari");
        Profile(1001, "province", "Jawa Timur");
        Profile(1002, "name", "Budi");
        Profile(1002, "province", "Jawa Tengah");
    }

    private void Register(long owner, string programme, string code, string status, int? order, int serial)
    {
        // 2026-12-01 09:00 WIB, an hour before the worker's clock.
        const long At = 1_796_090_400_000;
        Sql.Execute(_folder.DatabasePath,
            $"INSERT INTO users (id, channel, chat_id, language, created_at, last_seen_at) VALUES ({owner}, 'telegram', '{owner}', 'id', {At}, {At})");
        Sql.Execute(_folder.DatabasePath, string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO training_registrations (program_id, user_id, nik, phone, status, waitlist_order, code, created_at, cancelled_at) VALUES ('{programme}', {owner}, '{Nik(serial)}', '+62812000000{serial:D2}', '{status}', {(order is null ? "NULL" : order)}, '{code}', {At}, {(status == "cancelled" ? At : "NULL")})"));
    }

    private void Profile(long owner, string key, string text) =>
        Sql.Execute(_folder.DatabasePath,
            $"INSERT INTO profile_values (user_id, key, value, updated_at) VALUES ({owner}, '{key}', '{DialogValue.FromText(text).Serialize()}', 0)");

    private static string Nik(int serial) => $"357801450790{serial:D4}";

    private static List<List<string>> Table(IHtmlDocument page) =>
        page.QuerySelectorAll("#registrations tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static IHtmlInputElement Token(IHtmlDocument page) =>
        page.Forms.Single(f => f.GetAttribute("action") == Programme && f.Method == "post").Elements.OfType<IHtmlInputElement>().Single(i => i.Name == ConsoleWeb.AntiforgeryFieldName);

    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var reader = CsvReader.Create(new StringReader(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)), null, false);
        reader.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(new[] { "code", "status", "name", "nik", "phone" }.ToDictionary(c => c, c => reader.GetString(c), StringComparer.Ordinal));
        }

        return rows;
    }

    private static KeyValuePair<string, string>[] Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))];
}
