using ChatAssistant.Tests.Broadcasts;
using ChatAssistant.Tests.Support;
using CsvHelper;

namespace ChatAssistant.Tests.Reports;

/// <summary>
/// The CSV files operators open in a spreadsheet (registrations export, report --csv), through the real executable:
/// what owners typed can never run as a formula, times are WIB, and a path that cannot be written is one line.
/// </summary>
public sealed class OperatorCsvTests : IDisposable
{
    private const string Programme = "esmart-ikm-2026-12"; // in the shipped catalogue

    private readonly TempFolder _folder = new();

    public OperatorCsvTests() => Owners.CreateSchema(_folder.DatabasePath);

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Fact]
    public async Task A_registrations_export_escapes_cells_a_spreadsheet_would_run_and_gives_times_in_wib()
    {
        var owners = new Owners(Db);
        string[] names = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+62 SUM(A1)", "-2+3", "@cmd", "\tTab", "\rCR", "Siti, \"Warung\" Aminah", "Budi-Santoso"];
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
        {
            var id = owners.Add($"62812000000{i:D2}", profile: [("name", "t:" + name)]);
            owners.Registration(id, Programme, "seat");
        }

        Sql.Execute(Db, "UPDATE training_registrations SET created_at = 1764547200000, phone = '+6281200000001'"); // 2025-12-01 00:00 UTC
        var path = Path.Combine(_folder.Path, "export.csv");

        var (exitCode, _, error) = await RunAsync("registrations", "export", Programme, "--csv", path);

        Assert.True(exitCode == 0, error);
        Assert.Equal($"8 registrations written to {path}\n", error);
        using var reader = CsvReader.Create(new StringReader(await File.ReadAllTextAsync(path)), null, false);
        reader.ReadHeader();
        var rows = new List<(string Name, string Phone, string RegisteredAt)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString("name"), reader.GetString("phone"), reader.GetString("registered_at")));
        }

        Assert.Equal(
            ["'=HYPERLINK(\"http://evil.example\",\"klik\")", "'+62 SUM(A1)", "'-2+3", "'@cmd", "'\tTab", "'\rCR", "Siti, \"Warung\" Aminah", "Budi-Santoso"],
            rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal("'+6281200000001", r.Phone));
        Assert.All(rows, r => Assert.Equal("2025-12-01T07:00:00+07:00", r.RegisteredAt));
    }

    [Fact]
    public async Task One_registration_is_one_registration()
    {
        var owners = new Owners(Db);
        owners.Registration(owners.Add("6281200000001"), Programme, "seat");
        var path = Path.Combine(_folder.Path, "one.csv");

        var (exitCode, _, error) = await RunAsync("registrations", "export", Programme, "--csv", path);

        Assert.True(exitCode == 0, error);
        Assert.Equal($"1 registration written to {path}\n", error);
    }

    [Fact]
    public async Task A_misspelt_programme_gets_a_did_you_mean()
    {
        var (exitCode, _, error) = await RunAsync("registrations", "export", "esmart-ikm-2026", "--csv", Path.Combine(_folder.Path, "x.csv"));

        Assert.Equal(1, exitCode);
        Assert.Equal("registrations export: no programme 'esmart-ikm-2026' in the catalogue (did you mean esmart-ikm-2026-12?); see 'programs list'.\n", error);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "x.csv")));
    }

    [Fact]
    public async Task A_report_of_broadcasts_escapes_what_operators_typed()
    {
        var owners = new Owners(Db);
        owners.InProvince("6281200000001", "Riau");
        Sql.Execute(Db, """
            INSERT INTO broadcasts (text_id, segment, created_by, status, created_at, scheduled_at)
            VALUES ('Halo', 'sector=-1', '=cmd|calc', 'scheduled', 0, 0)
            """);
        var path = Path.Combine(_folder.Path, "broadcasts.csv");

        var (exitCode, _, error) = await RunAsync("report", "broadcasts", "--csv", path);

        Assert.True(exitCode == 0, error);
        Assert.Equal($"1 broadcast written to {path}\n", error);
        using var reader = CsvReader.Create(new StringReader(await File.ReadAllTextAsync(path)), null, false);
        reader.ReadHeader();
        Assert.True(reader.Read());
        Assert.Equal(("'=cmd|calc", "sector=-1", "1970-01-01T07:00:00+07:00"), (reader.GetString("created_by"), reader.GetString("segment"), reader.GetString("created_at")));
    }

    /// <summary>Every --csv path that cannot be written, for each verb that writes CSV: one line, exit 1, no partial file.</summary>
    public static TheoryData<string, string, string> BadCsvPaths
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            string[][] verbs = [["registrations", "export", Programme], ["report", "broadcasts"], ["report", "funnel", "stimulus-eligibility"]];
            foreach (var verb in verbs)
            {
                var name = string.Join(' ', verb[..2]);
                data.Add(name, "{folder}", "--csv {folder} is a folder; give a file name, e.g. {folder}/export.csv.");
                data.Add(name, "{folder}/missing/out.csv", "--csv {folder}/missing/out.csv: the folder {folder}/missing does not exist; create it first.");
                data.Add(name, "{folder}/file.txt/out.csv", "--csv {folder}/file.txt/out.csv: {folder}/file.txt is a file, not a folder.");
                data.Add(name, "/dev/full", "--csv /dev/full: writing it failed: the disk is full; the file is incomplete, write the export again.");
                data.Add(name, "/proc/version", "--csv /proc/version: ");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BadCsvPaths))]
    public async Task Every_csv_path_problem_is_one_clear_line_and_a_non_zero_exit(string verb, string path, string expected)
    {
        _folder.File("file.txt", "not a folder");
        var folder = _folder.Path.TrimEnd('/');
        path = path.Replace("{folder}", folder, StringComparison.Ordinal);
        string[] arguments = verb switch
        {
            "registrations export" => ["registrations", "export", Programme],
            "report broadcasts" => ["report", "broadcasts"],
            _ => ["report", "funnel", "stimulus-eligibility"],
        };

        var (exitCode, output, error) = await RunAsync([.. arguments, "--csv", path]);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"{verb}: {expected.Replace("{folder}", folder, StringComparison.Ordinal)}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "missing", "out.csv")));
        Assert.Equal("not a folder", await File.ReadAllTextAsync(Path.Combine(folder, "file.txt")));
    }

    [Fact]
    public async Task Programs_list_marks_closed_programmes()
    {
        var catalog = _folder.File("programs.yaml", """
            programs:
              - id: masih-buka
                title: { id: Masih dibuka, en: Still open }
                organiser: Dinas KUKM
                mode: online
                location: Zoom
                start: 2999-01-10
                end: 2999-01-11
                capacity: 10
                deadline: 2999-01-05
                description: { id: Daring., en: Online. }
              - id: sudah-tutup
                title: { id: Sudah ditutup, en: Closed }
                organiser: Dinas KUKM
                mode: online
                location: Zoom
                start: 2000-01-10
                end: 2000-01-11
                capacity: 10
                deadline: 2000-01-05
                description: { id: Daring., en: Online. }
            """);

        var (exitCode, output, error) = await AssistantProcess.RunAsync(string.Empty, new Dictionary<string, string> { ["Training__CatalogPath"] = catalog },
            "programs", "list", "--db", Db, "--dialogs", Dialogs);

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id\tregistration\ttitle\tdates\tdeadline\tcapacity\tseats\twaitlist", lines[0]);
        Assert.StartsWith("masih-buka\topen\tMasih dibuka\t", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("sudah-tutup\tclosed\tSudah ditutup\t", lines[2], StringComparison.Ordinal);
    }

    private static string Dialogs => Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");

    // 'report broadcasts' reads no dialogs, so it takes no --dialogs.
    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        AssistantProcess.RunAsync(string.Empty, arguments[1] == "broadcasts" ? [.. arguments, "--db", Db] : [.. arguments, "--db", Db, "--dialogs", Dialogs]);
}
