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

        var first = await AssistantProcess.RunAsync("/stimulus\nya\n", Stimulus("t4"));
        Assert.Equal(0, first.ExitCode);
        Assert.EndsWith("[2] Tidak", first.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("citizen", Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations"));

        var second = await AssistantProcess.RunAsync("ya\n15 juta\ntidak\n20 juta\nSiti Aminah\nWarung Bu Siti\n1\nJawa Barat\n2\n2\nya\ntidak\ntidak\n0\ntidak\nya\nya\n", Stimulus("t4"));
        Assert.Equal(0, second.ExitCode);
        var resumedAt = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Contains("WNI", resumedAt, StringComparison.Ordinal);
        Assert.Equal("criteria_met", Sql.Text(_folder.DatabasePath, "SELECT outcome FROM conversations WHERE status = 2"));
        Assert.Contains("usaha mikro", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_answer_and_the_question_stays()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var input = string.Join("\r\n", "/omzet", "Toko Sari", "", "banyak", "🙂🙂", new string('x', 10_000), "\u0007\u0001", "/entah", "Rp15jt", "5", "") ;

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
    public async Task Piped_chat_on_the_shipped_dialogs_shows_no_authoring_warnings_and_no_greeting()
    {
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");

        var run = await AssistantProcess.RunAsync("/menu\n", "chat", "--user", "t5", "--db", _folder.DatabasePath, "--dialogs", dialogs);

        // The shipped dialogs have channel-limit warnings (dialogs validate lists them); an owner never sees them.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.DoesNotContain("warning", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Halo! Saya asisten UMKM.", run.Output, StringComparison.Ordinal); // the transcript, as before
    }

    [Theory]
    [InlineData("id", "Halo! Ketik /menu untuk melihat layanan, atau /bantuan kapan saja.", "Silakan pilih layanan")]
    [InlineData("en", "Hello! Type /menu to see what I can help with, or /help at any time.", "Please choose a service")]
    public async Task Interactive_chat_opens_with_a_greeting_in_the_owners_language_and_no_warnings(string language, string greeting, string menu)
    {
        var dialogs = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");

        // script(1) gives the chat a terminal, as a person at a keyboard has.
        var output = await InTerminalAsync(["/menu"], "chat", "--user", "t6" + language, "--db", _folder.DatabasePath, "--dialogs", dialogs, "--lang", language);

        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = Array.FindIndex(lines, l => l.Contains(greeting, StringComparison.Ordinal));
        Assert.True(first >= 0, "no greeting in:\n" + output);
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("> ", StringComparison.Ordinal)) > first, "the greeting comes before the first prompt:\n" + output);
        Assert.Contains(menu, output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Runs the executable in a terminal (script(1) gives it one), types each line once the previous answer ended
    /// in a prompt, then ends the input with Ctrl+D as a person would.
    /// </summary>
    private static async Task<string> InTerminalAsync(string[] lines, params string[] arguments)
    {
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "ChatAssistant.dll") }.Concat(arguments).Select(Quote));
        var start = new System.Diagnostics.ProcessStartInfo("script", ["-qec", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (output)
                {
                    output.Append(buffer, 0, read);
                }
            }
        });
        var error = process.StandardError.ReadToEndAsync();
        string Text()
        {
            lock (output)
            {
                return output.ToString().Replace("\r", string.Empty, StringComparison.Ordinal);
            }
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        try
        {
            var prompts = 0;
            foreach (var line in lines.Append("\u0004"))
            {
                prompts++;
                while (Text().Split("> ").Length - 1 < prompts)
                {
                    Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "no prompt came:\n" + Text());
                    await Task.Delay(50);
                }

                await process.StandardInput.WriteAsync(line == "\u0004" ? line : line + "\n");
                await process.StandardInput.FlushAsync();
            }

            using var timeout = new CancellationTokenSource(deadline - DateTime.UtcNow);
            await process.WaitForExitAsync(timeout.Token);
            await reading;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{Text()}\n{await error}");
        return Text() + await error;

        static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
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
