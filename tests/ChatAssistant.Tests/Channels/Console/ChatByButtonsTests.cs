using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Console;

/// <summary>
/// Issue 12: the shipped training registration, through the <c>chat</c> verb as a real process, answered at
/// every step that shows buttons by nothing but the buttons' numbers, and again by nothing but their labels
/// (free-text questions — name, business, province, NIK, phone — have no buttons and get their text). A
/// second registration by the same owner goes through "still right?" confirmations the same way.
/// </summary>
public sealed class ChatByButtonsTests : IDisposable
{
    private const string Programs = """
        programs:
          - id: kemasan-2099
            title: { id: Bimtek Desain Kemasan, en: Packaging Design Training }
            organiser: Balai Diklat Industri
            mode: offline
            location: BDI Denpasar
            start: 2099-01-18
            end: 2099-01-22
            capacity: 30
            deadline: 2099-01-08
            description: { id: Lima hari praktik kemasan., en: Five days of packaging practice. }
          - id: ekspor-2099
            title: { id: Pendampingan Ekspor, en: Export Coaching }
            organiser: Kementerian Perdagangan
            mode: online
            location: Zoom
            start: 2099-02-01
            end: 2099-02-03
            capacity: 30
            deadline: 2099-01-20
            description: { id: Tiga sesi daring., en: Three online sessions. }
        """;

    private readonly TempFolder _folder = new();

    private async Task<string> ChatAsync(string user, string language, params string[] lines)
    {
        _folder.File("programs.yaml", Programs);
        var environment = new Dictionary<string, string> { ["Training__CatalogPath"] = Path.Combine(_folder.Path, "programs.yaml") };
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        var run = await AssistantProcess.RunAsync(string.Join('\n', lines) + "\n", environment,
            "chat", "--user", user, "--db", _folder.DatabasePath, "--dialogs", dialogs, "--lang", language);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        return run.Output;
    }

    /// <summary>The registrations with a code, each test having its own database.</summary>
    private long Registrations() => Sql.Count(_folder.DatabasePath,
        "SELECT count(*) FROM training_registrations WHERE status = 'seat' AND length(code) > 0");

    [Fact]
    public async Task Training_registration_reaches_a_code_typing_only_button_numbers()
    {
        var first = await ChatAsync("numbers", "id",
            "/pelatihan", "1", "1", "Jawa Barat", "1", "1", "Siti Aminah", "Warung Bu Siti", "3201014101900001", "0812 3456 7890", "1");

        Assert.Contains("Kode pendaftaran Bapak/Ibu:", first, StringComparison.Ordinal);
        Assert.DoesNotContain("belum bisa saya pahami", first, StringComparison.Ordinal);

        // Again, now that the profile is known: every saved value is confirmed by the number of "Ya, masih benar".
        var second = await ChatAsync("numbers", "id",
            "/pelatihan", "1", "1", "1", "1", "2", "1", "1", "3201014101900001", "1", "1");

        Assert.Contains("Data yang tersimpan: Siti Aminah. Apakah masih benar?", second, StringComparison.Ordinal);
        Assert.Contains("Kode pendaftaran Bapak/Ibu:", second, StringComparison.Ordinal);
        Assert.DoesNotContain("belum bisa saya pahami", second, StringComparison.Ordinal);
        Assert.Equal(2, Registrations());
    }

    [Fact]
    public async Task Training_registration_reaches_a_code_typing_only_button_labels()
    {
        var first = await ChatAsync("labels", "en",
            "/training", "Yes", "Food & drink", "Jawa Barat", "Micro", "Packaging Design Training", "Siti Aminah", "Warung Bu Siti",
            "3201014101900001", "0812 3456 7890", "Correct, continue");

        Assert.Contains("Your registration code:", first, StringComparison.Ordinal);
        Assert.DoesNotContain("could not read", first, StringComparison.Ordinal);

        var second = await ChatAsync("labels", "en",
            "/training", "Yes", "Yes, still right", "Yes, still right", "Yes, still right", "Export Coaching", "Yes, still right", "Yes, still right",
            "3201014101900001", "Yes, still right", "Correct, continue");

        Assert.Contains("Your registration code:", second, StringComparison.Ordinal);
        Assert.DoesNotContain("could not read", second, StringComparison.Ordinal);
        Assert.Equal(2, Registrations());
    }

    public void Dispose() => _folder.Dispose();
}
