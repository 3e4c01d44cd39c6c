using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Dialogs;

/// <summary><c>dialogs validate</c> as a separate process: what a maintainer sees in a terminal and CI relies on.</summary>
public sealed class ValidateVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Dialogs => Path.Combine(_folder.Path, "dialogs");

    /// <summary>How the verb prints a path: relative to the directory it runs in, which the test process shares.</summary>
    private static string Printed(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);

    [Fact]
    public async Task A_folder_with_a_broken_file_prints_each_problem_at_its_line_and_exits_with_1()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var broken = _folder.File("dialogs/broken.yaml", TestDialogs.Sales
            .Replace("id: sales", "id: broken", StringComparison.Ordinal)
            .Replace("/omzet", "/rusak", StringComparison.Ordinal)
            .Replace("input: money", "input: mony", StringComparison.Ordinal)
            .Replace("{id: \"Halo!\", en: \"Hello!\"}", "{id: \"Halo!\"}", StringComparison.Ordinal));

        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                $"{Printed(broken)}:9:10: warning missing-translation: step 'hello' has no 'en' text",
                $"{Printed(broken)}:15:12: error bad-value: unknown input 'mony' (did you mean 'money'?); known: text, integer, number, money, yesno, choice, nik, phone, date, province",
                "2 files, 1 error, 1 warning",
            ],
            lines);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Every_problem_of_every_file_is_printed_in_file_and_line_order()
    {
        _folder.File("dialogs/b.yaml", TestDialogs.Sales.Replace("start: hello", "start: helo", StringComparison.Ordinal));
        _folder.File("dialogs/a.yaml", TestDialogs.Sales
            .Replace("id: sales", "id: other", StringComparison.Ordinal)
            .Replace("/omzet", "/lain", StringComparison.Ordinal)
            .Replace("title:", "titel:", StringComparison.Ordinal)
            .Replace("goto: other", "goto: othr", StringComparison.Ordinal));

        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);

        Assert.Equal(1, run.ExitCode);
        var positions = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal))
            .Select(l => string.Join(':', l.Split(':')[..3]).Replace(Printed(Dialogs) + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["a.yaml:1:1", "a.yaml:4:1", "a.yaml:22:15", "a.yaml:26:3", "b.yaml:6:8"], positions);
        Assert.EndsWith("2 files, 4 errors, 1 warning", run.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_dialogs_validate_clean()
    {
        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs"));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(": error ", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"^\d+ files?, 0 errors, \d+ warnings?$", run.Output.Trim().Split('\n')[^1]);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task A_programme_rule_past_its_review_date_is_a_warning_and_fails_only_with_strict()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var data = _folder.File("dialogs/data/programmes.yaml",
            "programmes:\n  kur:\n    source: Permenko Perekonomian No. 1/2023\n    as_of: 2023-01-01\n    review_by: 2026-11-30\n    rules:\n      first_rate: 6%\n");

        var lenient = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs, "--as-of", "2026-12-03");
        var strict = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs, "--as-of", "2026-12-03", "--strict");
        var onTime = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs, "--as-of", "2026-11-30", "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.StartsWith($"{Printed(data)}:7:7: warning stale-rule: rule 'programme.kur.first_rate' was due for review by 2026-11-30 (Permenko Perekonomian No. 1/2023, as of 2023-01-01)", lenient.Output, StringComparison.Ordinal);
        Assert.EndsWith("2 files, 0 errors, 1 warning", lenient.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("warning stale-rule", strict.Output, StringComparison.Ordinal);
        Assert.Equal(0, onTime.ExitCode);
        Assert.Equal("2 files, 0 errors, 0 warnings", onTime.Output.Trim());
    }

    [Fact]
    public async Task Without_a_folder_it_validates_the_configured_Dialogs_Path()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales.Replace("input: money", "input: mony", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["Dialogs__Path"] = Dialogs };

        var run = await AssistantProcess.RunAsync("", environment, "dialogs", "validate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sales.yaml:15:12: error bad-value", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("1 file, 1 error, 0 warnings", run.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_one_clear_line_and_exit_code_2()
    {
        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Path.Combine(_folder.Path, "nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nowhere", error, StringComparison.Ordinal);
        Assert.StartsWith("dialogs validate: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_folder_has_nothing_wrong()
    {
        Directory.CreateDirectory(Dialogs);

        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0 files, 0 errors, 0 warnings", run.Output.Trim());
    }

    [Fact]
    public async Task Takes_the_folder_as_dialogs_like_chat_and_the_worker_and_flags_a_profile_key_no_dialog_saves()
    {
        var sales = _folder.File("dialogs/sales.yaml", TestDialogs.Sales
            .Replace("{eq: [kur, false]}", "{eq: [kur, false]}, {eq: [profile.business_nam, Toko]}", StringComparison.Ordinal));

        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", "--dialogs", Dialogs);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                $"{Printed(sales)}:20:48: warning unknown-answer: no dialog saves 'profile.business_nam', so this is never set (did you mean 'profile.business_name'?)",
                "1 file, 0 errors, 1 warning",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Checks_the_dialogs_against_the_WhatsApp_and_Telegram_limits_the_executable_passes()
    {
        var pay = _folder.File("dialogs/pay.yaml", """
            id: pay
            version: 1
            languages: [id]
            title: Bayar
            commands: [/bayar]
            start: how
            steps:
              how:
                ask: Bayar pakai apa?
                options:
                  - { value: tunai, id: Tunai }
                  - { value: transfer, id: Transfer lewat rekening bank }
                  - { value: qris, id: QRIS }
                  - { value: kartu_debit_atau_kredit_dari_bank_mana_saja_di_seluruh_negeri, id: Kartu }
              done:
                end: Terima kasih.
            """);

        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{Printed(pay)}:8:3: warning channel-limit: step 'how' has 4 options; WhatsApp shows at most 3 reply buttons, so they become a list",
                $"{Printed(pay)}:12:9: warning channel-limit: the 'id' label of option 'transfer' has 28 characters; WhatsApp list rows show 24, so it is shortened at a word, with the full text in the row description; or give it a 'short:' label of up to 24",
                $"{Printed(pay)}:14:9: error channel-limit: option value 'kartu_debit_atau_kredit_dari_bank_mana_saja_di_seluruh_negeri' makes button data over 64 bytes, Telegram's limit, with the 8-character tap token; keep it within 55 bytes",
                "1 file, 1 error, 2 warnings",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose() => _folder.Dispose();
}
