using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

public sealed class BroadcastVerbProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_operator_previews_creates_follows_and_cancels_a_broadcast_from_the_command_line()
    {
        Owners.CreateSchema(_folder.DatabasePath);
        var owners = new Owners(_folder.DatabasePath);
        owners.InProvince("6281200001111", "Sumatera Barat");
        owners.InProvince("6281200002222", "Sumatera Barat");
        owners.InProvince("6281200003333", "Riau");
        var text = _folder.File("pengumuman.txt", "Pendaftaran Bimtek Padang ditutup Jumat.\n");

        var (exitCode, output, error) = await RunAsync("preview", "--province", "Sumbar");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("2 owners would receive it (province=Sumatera Barat).", output, StringComparison.Ordinal);
        Assert.Contains("telegram *********1111  id  Sumatera Barat", output, StringComparison.Ordinal); // chat ids masked
        Assert.DoesNotContain("6281200001111", output, StringComparison.Ordinal);

        (exitCode, output, error) = await RunAsync("create", "--text-file", text, "--button", "Daftar=/pelatihan program=bimtek-digital-padang", "--province", "Sumbar");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Broadcast 1 created for 2 owners (province=Sumatera Barat);", output, StringComparison.Ordinal);
        Assert.Equal("Daftar", Sql.Text(_folder.DatabasePath, "SELECT button_label FROM broadcasts WHERE id = 1"));
        Assert.Equal("/pelatihan program=bimtek-digital-padang", Sql.Text(_folder.DatabasePath, "SELECT button_command FROM broadcasts WHERE id = 1"));

        (exitCode, output, error) = await RunAsync("list");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("id\tstatus\tscheduled (WIB)\tcreated (WIB)\trecipients\tsent\tsegment\n1\tsending\t", output, StringComparison.Ordinal);
        Assert.Contains("+07:00\t2\t0\tprovince=Sumatera Barat", output, StringComparison.Ordinal);

        (exitCode, output, error) = await RunAsync("cancel", "1");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Broadcast 1 cancelled: 2 recipients will not get it.", output, StringComparison.Ordinal);

        (exitCode, output, error) = await RunAsync("status", "1");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("#1 cancelled, created ", output, StringComparison.Ordinal);
        Assert.Contains("+07:00 by cli, segment: province=Sumatera Barat", output, StringComparison.Ordinal);
        Assert.Contains("  recipients 2: waiting 0, queued 0, sent 0, failed 0, blocked 0, opted_out 0, uncertain 0, cancelled 2", output, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("cancel", "1");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast cancel: broadcast 1 is already cancelled; nothing to cancel.", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("status", "7");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast status: there is no broadcast 7; see 'broadcast list'.", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("create", "--text-file", text, "--button", "Daftar", "--province", "Sumbar");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast create: --button \"Daftar\": write it as \"Label=/command key=value\"", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("create", "--text-file", text, "--button", "Daftar=/pelatihan prog=bimtek-digital-padang");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast create: --button: /pelatihan takes program=...; \"prog=bimtek-digital-padang\" would be ignored.", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("create", "--text-file", text, "--button", "Kirim=/siaran");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast create: --button: no owners' dialog starts with /siaran", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("preview", "--sector", "makanan");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast: No owner has the sector \"makanan\". Sectors owners have: ", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("create", "--text-file", text, "--province", "Atlantis");
        Assert.Equal(1, exitCode);
        Assert.Contains("broadcast: Unknown province \"Atlantis\".", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync("create", "--text-file", text, "--region", "Jawa");
        Assert.Equal(1, exitCode);
        Assert.Contains("--region", error, StringComparison.Ordinal);

        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM broadcasts")); // the refused ones left nothing behind
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        AssistantProcess.RunAsync(string.Empty,
            ["broadcast", .. arguments, "--db", _folder.DatabasePath, "--dialogs", Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs")]);
}
