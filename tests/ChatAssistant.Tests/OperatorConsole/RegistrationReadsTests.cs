using System.Data.Common;
using System.Text;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.OperatorConsole.Registrations;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using CsvHelper;
using Microsoft.Extensions.Time.Testing;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.OperatorConsole;

/// <summary>
/// The registrations pages' reading and download, below the pages: counts per programme, the rows the command-line
/// export writes read on a connection of the page's own, the search, and the CSV with NIKs masked unless a reason is given.
/// </summary>
public abstract class RegistrationReadsTests : IDisposable
{
    private const string TwoProgrammes = """
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
    private readonly StorageTarget _target;

    private protected RegistrationReadsTests(StorageProviderKind kind)
    {
        _target = StorageTarget.Create(kind, _folder);
        // The schema as the worker brings it up; the rows below are what the training actions would have written.
        _target.Open(new FakeTimeProvider()).Dispose();
    }

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Each_programme_of_the_catalogue_has_its_seats_taken_waiting_list_and_cancellations()
    {
        Register(1, "bimtek-digital", "seat", null, "AAAA1111");
        Register(2, "bimtek-digital", "seat", null, "AAAA2222");
        Register(3, "bimtek-digital", "seat", null, "AAAA3333");
        Register(4, "bimtek-digital", "waitlist", 1, "AAAA4444");
        Register(5, "bimtek-digital", "cancelled", null, "AAAA5555");
        Register(6, "lama-dihapus", "seat", null, "AAAA6666"); // a programme no longer in the catalogue is not listed

        using var connection = Open();
        var programmes = RegistrationReads.Programmes(connection, Catalog(), new DateOnly(2026, 12, 1));

        Assert.Equal(["bimtek-digital", "ekspor-pemula"], programmes.Select(p => p.Program.Id));
        var bimtek = programmes[0];
        Assert.Equal((3, 1, 1, 0, true), (bimtek.Seats, bimtek.Waitlist, bimtek.Cancelled, bimtek.Free, bimtek.Open));
        var export = programmes[1];
        Assert.Equal((0, 0, 0, 10, false), (export.Seats, export.Waitlist, export.Cancelled, export.Free, export.Open));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_programmes_rows_are_those_of_the_export_seats_then_the_waiting_list_in_order_then_cancelled(bool includeNik)
    {
        Register(1, "bimtek-digital", "cancelled", null, "CCCC0001", cancelledAt: 1_764_558_000_000);
        Register(2, "bimtek-digital", "waitlist", 2, "WWWW0002");
        Register(3, "bimtek-digital", "seat", null, "SSSS0003");
        Register(4, "bimtek-digital", "waitlist", 1, "WWWW0004");
        Register(5, "ekspor-pemula", "seat", null, "OTHER005");
        Profile(3, "name", DialogValue.FromText("Sari Dewi"));
        Profile(3, "business_name", DialogValue.FromText("Keripik Sari"));
        Profile(3, "province", DialogValue.FromText("Jawa Timur"));
        Profile(3, "nik_note", DialogValue.FromText("not a column"));

        using var connection = Open();
        var rows = RegistrationReads.Rows(connection, "bimtek-digital", includeNik);

        Assert.Equal(["SSSS0003", "WWWW0004", "WWWW0002", "CCCC0001"], rows.Select(r => r.Code));
        Assert.Equal([null, 1, 2, null], rows.Select(r => r.WaitlistPosition));
        Assert.Equal(("Sari Dewi", "Keripik Sari", "Jawa Timur"), (rows[0].Name, rows[0].BusinessName, rows[0].Province));
        Assert.Null(rows[1].Name);
        Assert.Equal("2025-12-01T10:00:00+07:00", rows[3].CancelledAt);
        Assert.Equal("+6281200000003", rows[0].Phone);
        if (includeNik)
        {
            Assert.Equal(Nik(3), rows[0].Nik);
        }
        else
        {
            Assert.All(rows, r => Assert.Contains("*", r.Nik, StringComparison.Ordinal));
            Assert.DoesNotContain(rows, r => r.Nik == Nik(3));
        }
    }

    [Fact]
    public void The_search_needs_every_word_in_the_code_status_name_business_sector_or_province_and_never_reads_nik_or_phone()
    {
        RegistrationRow Row(string code, string? name, string? business, string? province) =>
            new(code, "p", "seat", null, name, business, "makanan", province, "3578********0001", "+6281234567890", "2026-12-01T10:00:00+07:00", null);
        var rows = new[]
        {
            Row("AB12CD34", "Sari Dewi", "Keripik Sari", "Jawa Timur"),
            Row("ZZ99YY88", "Budi", "Batik Budi", "Jawa Tengah"),
            Row("QQ11RR22", null, null, null),
        };

        Assert.Equal(3, RegistrationSearch.Filter(rows, "  ").Count);
        Assert.Equal(["AB12CD34"], RegistrationSearch.Filter(rows, "sari TIMUR").Select(r => r.Code));
        Assert.Equal(["AB12CD34", "ZZ99YY88"], RegistrationSearch.Filter(rows, "jawa").Select(r => r.Code));
        Assert.Equal(["ZZ99YY88"], RegistrationSearch.Filter(rows, "zz99").Select(r => r.Code));
        Assert.Empty(RegistrationSearch.Filter(rows, "sari tengah"));
        Assert.Empty(RegistrationSearch.Filter(rows, "4567890"));
        Assert.Empty(RegistrationSearch.Filter(rows, "3578"));
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "", true)]
    [InlineData(true, null, false)]
    [InlineData(true, "   perlu   ", false)]
    [InlineData(true, "verifikasi", true)]
    [InlineData(true, "verifikasi data peserta untuk panitia", true)]
    public void Full_niks_need_a_reason_of_at_least_ten_characters(bool fullNik, string? reason, bool allowed)
    {
        var problem = RegistrationDownload.Problem(fullNik, reason);

        Assert.Equal(allowed, problem is null);
        if (problem is not null)
        {
            Assert.Contains("alasan", problem, StringComparison.Ordinal);
            Assert.Contains("reason", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_reason_longer_than_the_audit_keeps_is_refused()
    {
        Assert.Null(RegistrationDownload.Problem(true, new string('a', RegistrationDownload.MaximumReasonLength)));
        Assert.NotNull(RegistrationDownload.Problem(true, new string('a', RegistrationDownload.MaximumReasonLength + 1)));
    }

    [Fact]
    public void The_audit_detail_names_the_programme_the_rows_and_for_full_niks_the_reason_on_one_line()
    {
        Assert.Equal("programme=bimtek-digital; rows=6; nik=masked", RegistrationDownload.AuditDetail("bimtek-digital", 6, false, "ignored"));
        Assert.Equal(
            "programme=bimtek-digital; rows=6; nik=full; reason=verifikasi data peserta untuk panitia",
            RegistrationDownload.AuditDetail("bimtek-digital", 6, true, "  verifikasi data\r\npeserta\tuntuk panitia "));
    }

    [Fact]
    public void The_file_is_named_after_the_programme_and_the_time_in_wib()
    {
        Assert.Equal("pendaftaran-bimtek-digital-20261201-1005.csv",
            RegistrationDownload.FileName("bimtek-digital", new DateTimeOffset(2026, 12, 1, 3, 5, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_csv_is_utf8_with_a_byte_order_mark_and_reads_back_with_the_exports_header(bool includeNik)
    {
        Register(1, "bimtek-digital", "seat", null, "SSSS0001");
        Profile(1, "name", DialogValue.FromText("Pemilik, \"Ñ\""));
        using var connection = Open();

        var bytes = RegistrationDownload.Csv(RegistrationReads.Rows(connection, "bimtek-digital", includeNik));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        using var reader = CsvReader.Create(new StringReader(text), null, false);
        reader.ReadHeader();
        Assert.True(reader.Read());
        Assert.Equal("SSSS0001", reader.GetString("code"));
        Assert.Equal("Pemilik, \"Ñ\"", reader.GetString("name"));
        Assert.Equal(includeNik ? Nik(1) : "3578********0001", reader.GetString("nik"));
        Assert.False(reader.Read());
        Assert.Equal(includeNik, text.Contains(Nik(1), StringComparison.Ordinal));
    }

    private static TrainingCatalog Catalog() => TrainingCatalog.Parse("programs.yaml", TwoProgrammes);

    private static string Nik(int owner) => $"357801450790{owner:D4}";

    private DbConnection Open() => _target.Connect();

    private void Register(int owner, string programme, string status, int? order, string code, long? cancelledAt = null)
    {
        Sql.Execute(_target,
            $"INSERT INTO users (id, channel, chat_id, language, created_at, last_seen_at) VALUES ({owner}, 'telegram', '{owner}', 'id', 0, 0) ON CONFLICT DO NOTHING");
        Sql.Execute(_target,
            "INSERT INTO training_registrations (program_id, user_id, nik, phone, status, waitlist_order, code, created_at, cancelled_at) VALUES "
            + $"('{programme}', {owner}, '{Nik(owner)}', '+628120000000{owner}', '{status}', {order?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}, '{code}', 1764558000000, {cancelledAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"})");
    }

    private void Profile(int owner, string key, DialogValue value) =>
        Sql.Execute(_target,
            $"INSERT INTO profile_values (user_id, key, value, updated_at) VALUES ({owner}, '{key}', '{value.Serialize().Replace("'", "''", StringComparison.Ordinal)}', 0)");
}

public sealed class RegistrationReadsTests_Sqlite() : RegistrationReadsTests(StorageProviderKind.Sqlite);

public sealed class RegistrationReadsTests_Postgres() : RegistrationReadsTests(StorageProviderKind.Postgres);
