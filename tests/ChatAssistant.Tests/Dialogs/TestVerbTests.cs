using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Dialogs;

/// <summary><c>dialogs test</c> as a separate process: what a maintainer sees, and the exit code CI relies on.</summary>
public sealed class TestVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // Line 1 is 'dialog: sales'; the failing case starts at line 10 and its wrong reply is on line 15.
    private const string SalesTests = """
        dialog: sales
        cases:
          - name: a micro business
            turns:
              - send: /omzet
              - send: Toko Sari
              - send: 15 juta
              - tap: Tidak
            outcome: micro
          - name: a micro business, with a wrong expectation
            turns:
              - send: /omzet
              - send: Toko Sari
              - send: 15 juta
                reply: Berapa omzet Anda?
              - tap: Tidak
            outcome: micro
        """;

    private string Dialogs => Path.Combine(_folder.Path, "dialogs");

    [Fact]
    public async Task The_shipped_dialogs_pass_their_conversation_tests_with_exit_code_0()
    {
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");

        var run = await AssistantProcess.RunAsync("", "dialogs", "test", dialogs);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("PASS ", StringComparison.Ordinal) && l.Contains("stimulus-eligibility.yaml:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL ", StringComparison.Ordinal) || l.Contains(" warning ", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ cases: \d+ passed, 0 failed \(\d+ test files?\)$", lines[^1]);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_failing_case_prints_its_line_and_what_differed_and_exits_with_1()
    {
        _folder.File("dialogs/sales.yaml", Support.TestDialogs.Sales);
        _folder.File("dialogs/tests/sales.yaml", SalesTests);

        var run = await AssistantProcess.RunAsync("", "dialogs", "test", Dialogs);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => l.StartsWith("PASS ", StringComparison.Ordinal) && l.EndsWith("sales.yaml:3 a micro business [id]", StringComparison.Ordinal));
        var fail = lines.FindIndex(l => l.StartsWith("FAIL ", StringComparison.Ordinal));
        Assert.EndsWith("sales.yaml:10 a micro business, with a wrong expectation [id]", lines[fail], StringComparison.Ordinal);
        Assert.Equal("  turn 3 of 4 (line 14, send: 15 juta); turn 4 and the end checks were not run", lines[fail + 1]);
        Assert.EndsWith("sales.yaml:15:16: the reply does not contain the expected text", lines[fail + 2], StringComparison.Ordinal);
        Assert.Equal("      expected: Berapa omzet Anda?", lines[fail + 3]);
        Assert.Equal("    the last reply was:", lines[fail + 4]);
        Assert.Equal("      | Punya KUR?", lines[fail + 5]);
        Assert.Equal("      buttons: [Ya, Tidak]", lines[fail + 6]);
        Assert.Contains("2 cases: 1 passed, 1 failed (1 test file)", lines);
    }

    [Fact]
    public async Task A_dialog_file_with_an_error_is_reported_and_exits_with_1()
    {
        _folder.File("dialogs/sales.yaml", Support.TestDialogs.Sales.Replace("start: hello", "start: helo", StringComparison.Ordinal));
        _folder.File("dialogs/tests/sales.yaml", SalesTests);

        var run = await AssistantProcess.RunAsync("", "dialogs", "test", Dialogs);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sales.yaml:6:8: error", run.Output, StringComparison.Ordinal);
        Assert.Contains("dialog 'sales' is not loaded", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 dialog file with errors", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistake_in_a_test_file_is_reported_at_its_line_and_column_and_exits_with_1()
    {
        _folder.File("dialogs/sales.yaml", Support.TestDialogs.Sales);
        _folder.File("dialogs/tests/sales.yaml", SalesTests.Replace("    outcome: micro\n  - name", "    outcom: micro\n  - name", StringComparison.Ordinal));

        var run = await AssistantProcess.RunAsync("", "dialogs", "test", Dialogs);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sales.yaml:9:5: error unknown-key: unknown key 'outcom' in a case (did you mean 'outcome'?)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 test file not run because of errors", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_tests_passes_but_warns_of_each_untested_dialog()
    {
        _folder.File("dialogs/sales.yaml", Support.TestDialogs.Sales);

        var run = await AssistantProcess.RunAsync("", "dialogs", "test", Dialogs);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning untested-dialog: dialog 'sales' has no conversation tests", run.Output, StringComparison.Ordinal);
        Assert.Contains("No conversation tests in", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_a_clear_error_with_exit_code_2()
    {
        var run = await AssistantProcess.RunAsync("", "dialogs", "test", Path.Combine(_folder.Path, "nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dialogs folder", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    // Expectations recorded before a wording change; a comment and the layout must survive re-recording.
    private const string RecordedTests = """
        dialog: sales
        cases:
          - name: a micro business
            turns:
              - send: /omzet
                reply: Halo!            # the greeting
              - send: Toko Sari
                reply: [Omzet setahun?]
              - send: 15 juta
                reply: Punya KUR?
                buttons: [Ya, Tidak]
              - tap: Tidak
            outcome: micro
          - name: a step expectation is behaviour, not wording
            turns:
              - send: /omzet
              - send: Toko Sari
                step: kur
            outcome: ~
        """;

    [Fact]
    public async Task Update_shows_the_rerecorded_texts_writes_only_with_yes_and_keeps_the_file_layout()
    {
        _folder.File("dialogs/sales.yaml", Support.TestDialogs.Sales
            .Replace("Omzet setahun?", "Berapa omzet setahun?", StringComparison.Ordinal)
            .Replace("\"Punya KUR?\"", "\"Apakah punya KUR?\"", StringComparison.Ordinal)
            .Replace("Halo!", "Halo, selamat datang!", StringComparison.Ordinal));
        var tests = _folder.File("dialogs/tests/sales.yaml", RecordedTests);

        var shown = await AssistantProcess.RunAsync("", "dialogs", "test", "--dialogs", Dialogs, "--update");

        Assert.Equal(1, shown.ExitCode);
        Assert.Equal(RecordedTests, File.ReadAllText(tests));
        var lines = shown.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("-        reply: Halo!            # the greeting", lines);
        Assert.Contains("+        reply: \"Halo, selamat datang!\"            # the greeting", lines);
        Assert.Contains("-        reply: [Omzet setahun?]", lines);
        Assert.Contains("+        reply: [\"Berapa omzet setahun?\"]", lines);
        Assert.Contains("+        reply: \"Apakah punya KUR?\"", lines);
        Assert.Contains(lines, l => l.StartsWith("not re-recorded (not a wording change): FAIL ", StringComparison.Ordinal) && l.Contains("a step expectation is behaviour", StringComparison.Ordinal));
        Assert.Contains("3 expectations in 1 test file would be re-recorded; run again with --update --yes to write them.", lines);

        var written = await AssistantProcess.RunAsync("", "dialogs", "test", "--dialogs", Dialogs, "--update", "--yes");

        Assert.Equal(1, written.ExitCode); // the behaviour change still fails, as it should
        Assert.Equal(
            RecordedTests
                .Replace("reply: Halo!", "reply: \"Halo, selamat datang!\"", StringComparison.Ordinal)
                .Replace("reply: [Omzet setahun?]", "reply: [\"Berapa omzet setahun?\"]", StringComparison.Ordinal)
                .Replace("reply: Punya KUR?", "reply: \"Apakah punya KUR?\"", StringComparison.Ordinal),
            File.ReadAllText(tests));
        Assert.Contains(written.Output.Split('\n'), l => l.StartsWith("PASS ", StringComparison.Ordinal) && l.EndsWith("a micro business [id]", StringComparison.Ordinal));
        Assert.Contains("Re-recorded 3 expectations in 1 test file.", written.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
