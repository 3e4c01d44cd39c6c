using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Channels.Console;

/// <summary>The <c>chat</c> verb as a separate process with piped input: the contract scripts rely on.</summary>
public sealed class ChatVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string[] Chat(string user, params string[] extra) =>
        ["chat", "--user", user, "--db", _folder.DatabasePath, "--dialogs", Path.Combine(_folder.Path, "dialogs"), .. extra];

    [Fact]
    public async Task A_conversation_cut_off_mid_way_resumes_at_the_same_question_in_a_new_process()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);

        var first = await AssistantProcess.RunAsync("/omzet\nToko Sari\n", Chat("t1"));
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Nama usaha Anda?", first.Output, StringComparison.Ordinal);
        Assert.EndsWith("Omzet setahun?", first.Output.TrimEnd(), StringComparison.Ordinal);

        var second = await AssistantProcess.RunAsync("15.000.000\n2\n", Chat("t1"));
        Assert.Equal(0, second.ExitCode);
        var lines = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Melanjutkan", lines[0], StringComparison.Ordinal);
        Assert.Equal("Omzet setahun?", lines[1]);
        Assert.Contains("[1] Ya", lines);
        Assert.Contains("Toko Sari: usaha mikro, omzet Rp15.000.000.", second.Output, StringComparison.Ordinal);
        Assert.Equal("micro", Sql.Text(_folder.DatabasePath, "SELECT outcome FROM conversations WHERE status = 2"));
    }

    [Fact]
    public async Task The_shipped_stimulus_dialog_reaches_an_outcome_after_being_cut_off_and_resumed()
    {
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        string[] Stimulus(string user) => ["chat", "--user", user, "--db", _folder.DatabasePath, "--dialogs", dialogs];

        var first = await AssistantProcess.RunAsync("/stimulus\nya\nya\n", Stimulus("t4"));
        Assert.Equal(0, first.ExitCode);
        Assert.EndsWith("[2] Tidak", first.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("state_employee", Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations"));

        var second = await AssistantProcess.RunAsync("tidak\n15 juta\ntidak\n20 juta\nSiti Aminah\nWarung Bu Siti\n1\nJawa Barat\n2\n2\nya\ntidak\ntidak\n0\nya\n", Stimulus("t4"));
        Assert.Equal(0, second.ExitCode);
        var resumedAt = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Contains("ASN", resumedAt, StringComparison.Ordinal);
        Assert.Equal("bpum_eligible", Sql.Text(_folder.DatabasePath, "SELECT outcome FROM conversations WHERE status = 2"));
        Assert.Contains("usaha mikro", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_and_the_question_stays()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var input = string.Join("\r\n", "/omzet", "Toko Sari", "", "lima belas juta", "🙂🙂", new string('x', 10_000), "\u0007\u0001", "/entah", "Rp15jt", "5", "") ;

        var run = await AssistantProcess.RunAsync(input, Chat("t2", "--lang", "en"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Your message is empty.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Please type an amount in rupiah", run.Output, StringComparison.Ordinal);
        Assert.Contains("Your message is too long.", run.Output, StringComparison.Ordinal);
        Assert.Contains("I don't know the command /entah", run.Output, StringComparison.Ordinal);
        Assert.Contains("Please answer Yes or No.", run.Output, StringComparison.Ordinal);
        Assert.Equal("m:15000000", Sql.Text(_folder.DatabasePath, "SELECT value FROM answers WHERE key = 'sales'"));
        Assert.Equal("kur", Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations"));
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_missing_dialogs_folder_is_a_clear_error_not_a_stack_trace()
    {
        var run = await AssistantProcess.RunAsync("", "chat", "--user", "t3", "--db", _folder.DatabasePath, "--dialogs", Path.Combine(_folder.Path, "nowhere"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("dialogs folder", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_verb_without_a_channel_explains_itself_and_exits_with_2()
    {
        var run = await AssistantProcess.RunAsync("");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("-- chat", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
