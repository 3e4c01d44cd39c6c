using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using ChatAssistant.Benchmarks.Support;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// <c>load --cold-start</c>: the time from starting the worker as a process to its first reply, the way it runs in
/// production. The app is published ReadyToRun (as the Dockerfile does) unless <c>--app</c> names a published
/// folder; each run starts <c>dotnet ChatAssistant.dll</c> on a fresh database and a fresh copy of the shipped
/// dialogs, configured for Telegram against a stand-in Bot API (<see cref="ColdStartBotApi"/>) that hands out one
/// owner message on the first getUpdates, and stops the clock when the reply's sendMessage arrives. Timings are
/// printed, never asserted; a run fails only when no reply came.
/// </summary>
internal static partial class ColdStartHarness
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(ColdStartSettings settings, TextWriter output)
    {
        var scratch = Path.Combine(settings.Folder, "chatassistant-coldstart-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        try
        {
            return await RunInAsync(settings, scratch, output).ConfigureAwait(false);
        }
        finally
        {
            if (settings.Keep)
            {
                output.WriteLine($"cold start: scratch folder kept: {scratch}");
            }
            else
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static async Task<int> RunInAsync(ColdStartSettings s, string scratch, TextWriter output)
    {
        string app;
        if (s.App is not null)
        {
            app = Path.GetFullPath(s.App);
        }
        else if (s.Smoke)
        {
            // The build beside the harness (not ReadyToRun): checks the process path works, quickly.
            app = AppContext.BaseDirectory;
        }
        else
        {
            app = Path.Combine(scratch, "app");
            if (await PublishAsync(app, output).ConfigureAwait(false) is { } failure)
            {
                output.WriteLine("FAILED: publishing the app: " + failure);
                return 1;
            }
        }

        var dll = Path.Combine(app, "ChatAssistant.dll");
        if (!File.Exists(dll))
        {
            output.WriteLine($"FAILED: no ChatAssistant.dll in {app}");
            return 1;
        }

        output.WriteLine($"cold start: {dll} ({ReadyToRunOf(app)}); {s.Runs} run(s), owner sends '{s.Message}'; DOTNET_TieredPGO={Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "(default)"}, DOTNET_TieredCompilation={Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "(default)"}");
        await using var api = await ColdStartBotApi.StartAsync().ConfigureAwait(false);
        var dialogs = RepositoryRoot.DialogsFolder();
        var results = new List<RunResult>();
        for (var i = 1; i <= s.Runs; i++)
        {
            var folder = Path.Combine(scratch, "run-" + i.ToString(CultureInfo.InvariantCulture));
            CopyFolder(dialogs, Path.Combine(folder, "dialogs"));
            var result = await RunOnceAsync(api, dll, folder, s.Message, updateId: 1000 + i).ConfigureAwait(false);
            if (result.Reply is null)
            {
                output.WriteLine($"FAILED: run {i}: no reply within {ReplyTimeout.TotalSeconds:0} s (process {(result.ExitCode is { } code ? "exited with " + code.ToString(CultureInfo.InvariantCulture) : "killed")}). Its output:");
                output.WriteLine(result.Output);
                return 1;
            }

            results.Add(result);
            output.WriteLine(Describe(i, result));
        }

        Summarize(results, output);
        return 0;
    }

    private static async Task<RunResult> RunOnceAsync(ColdStartBotApi api, string dll, string folder, string message, long updateId)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(dll);
        start.Environment["Telegram__BotToken"] = ColdStartBotApi.Token;
        start.Environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
        start.Environment["Storage__Path"] = Path.Combine(folder, "chatassistant.db");
        start.Environment["Dialogs__Path"] = Path.Combine(folder, "dialogs");

        var clock = new Stopwatch();
        var run = api.Arm(clock, message, updateId);
        var lines = new List<(TimeSpan At, string Line)>();
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add((clock.Elapsed, e.Data));
                }
            }
        }

        var before = MachineLoad.Read();
        clock.Start();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        TimeSpan? reply = null;
        var finished = await Task.WhenAny(run.Reply, process.WaitForExitAsync(), Task.Delay(ReplyTimeout)).ConfigureAwait(false);
        if (finished == run.Reply)
        {
            reply = await run.Reply.ConfigureAwait(false);
        }

        var after = MachineLoad.Read([process.Id]);
        var cpu = CpuTime(process);
        int? exitCode = process.HasExited ? process.ExitCode : null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        string text;
        lock (lines)
        {
            text = string.Join('\n', lines.Select(l => l.Line));
        }

        var others = before is { } b && after is { } a ? MachineLoad.Between(b, a).Others : (double?)null;
        return new RunResult(reply, run.First("DELETEWEBHOOK") ?? run.Calls.FirstOrDefault().At, run.First("GETUPDATES"), ProcessPhases(text), run.ReplyText, text, exitCode, others, cpu);
    }

    /// <summary>The CPU the process used so far (all its threads): less sensitive to a busy machine than the wall clock.</summary>
    private static TimeSpan? CpuTime(Process process)
    {
        try
        {
            return process.HasExited ? null : process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null; // it exited meanwhile
        }
    }

    /// <summary>The process's own account (Hosting's "Start-up took ..." line): phase name to milliseconds.</summary>
    private static IReadOnlyList<(string Phase, long Ms)> ProcessPhases(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.Contains("Start-up took", StringComparison.Ordinal));
        if (line is null)
        {
            return [];
        }

        // "Start-up took 412 ms from process start: runtime 45 ms, command line 20 ms, ..."
        var colon = line.IndexOf("process start:", StringComparison.Ordinal);
        var total = TotalPattern().Match(line);
        return
        [
            .. total.Success ? [("total", long.Parse(total.Groups["ms"].Value, CultureInfo.InvariantCulture))] : Array.Empty<(string, long)>(),
            .. colon < 0 ? [] : PhasePattern().Matches(line[colon..]).Select(m => (m.Groups["phase"].Value.Trim(), long.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture))),
        ];
    }

    [GeneratedRegex(@"took (?<ms>\d+) ms")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"(?<phase>[a-z][a-z ]*?) (?<ms>\d+) ms")]
    private static partial Regex PhasePattern();

    private static string Describe(int i, RunResult r)
    {
        var line = Invariant($"run {i}: first reply {Ms(r.Reply)} ms | Bot API first called {Ms(r.FirstCall)} ms, first getUpdates {Ms(r.FirstPoll)} ms");
        if (r.Phases.Count > 0)
        {
            line += " | process: " + string.Join(", ", r.Phases.Select(p => Invariant($"{p.Phase} {p.Ms}")));
        }

        if (r.Cpu is { } cpu)
        {
            line += Invariant($" | cpu {cpu.TotalMilliseconds:F0} ms");
        }

        if (r.Others is { } others)
        {
            line += Invariant($" | others used {others:P0} of the machine");
        }

        return line;
    }

    private static void Summarize(List<RunResult> results, TextWriter output)
    {
        var replies = results.Select(r => r.Reply!.Value.TotalMilliseconds).Order().ToArray();
        output.WriteLine(Invariant($"cold start to first reply: median {Median(replies):F0} ms, max {replies[^1]:F0} ms, min {replies[0]:F0} ms ({results.Count} runs)"));
        var cpus = results.Where(r => r.Cpu is not null).Select(r => r.Cpu!.Value.TotalMilliseconds).Order().ToArray();
        if (cpus.Length > 0)
        {
            output.WriteLine(Invariant($"  the process's CPU until the reply (user + system, all threads): median {Median(cpus):F0} ms, max {cpus[^1]:F0} ms"));
        }

        var calls = results.Select(r => r.FirstCall?.TotalMilliseconds ?? 0).Order().ToArray();
        var polls = results.Select(r => r.FirstPoll?.TotalMilliseconds ?? 0).Order().ToArray();
        var line = Invariant($"  medians: Bot API first called {Median(calls):F0} ms, first getUpdates {Median(polls):F0} ms, getUpdates to reply {Median(results.Select(r => (r.Reply!.Value - (r.FirstPoll ?? TimeSpan.Zero)).TotalMilliseconds).Order().ToArray()):F0} ms");
        var phases = results.SelectMany(r => r.Phases).GroupBy(p => p.Phase).ToList();
        if (phases.Count > 0)
        {
            line += "; process: " + string.Join(", ", phases.Select(g => Invariant($"{g.Key} {Median(g.Select(p => (double)p.Ms).Order().ToArray()):F0}")));
        }

        output.WriteLine(line);
        output.WriteLine("  first reply: " + (results[0].ReplyText is { } text ? Shorten(text) : "(no text)"));
    }

    private static async Task<string?> PublishAsync(string app, TextWriter output)
    {
        var project = Path.Combine(RepositoryRoot.Find(), "src", "ChatAssistant", "ChatAssistant.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // As the Dockerfile publishes.
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", app, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        output.WriteLine("cold start: dotnet " + string.Join(' ', start.ArgumentList));
        var began = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            return (await stdout.ConfigureAwait(false)) + await stderr.ConfigureAwait(false);
        }

        output.WriteLine(Invariant($"cold start: published in {Stopwatch.GetElapsedTime(began).TotalSeconds:F0} s"));
        return null;
    }

    /// <summary>Which of the app's own assemblies carry precompiled code (a ReadyToRun header).</summary>
    private static string ReadyToRunOf(string app)
    {
        var names = new[] { "ChatAssistant.dll", "ChatAssistant.Dialogs.dll", "YamlDotNet.dll", "Telegram.Bot.dll" };
        var precompiled = names.Where(n => IsReadyToRun(Path.Combine(app, n))).ToList();
        return precompiled.Count == 0 ? "not ReadyToRun" : "ReadyToRun: " + string.Join(", ", precompiled);
    }

    private static bool IsReadyToRun(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static double Median(double[] sorted) =>
        sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static string Ms(TimeSpan? time) => time is { } t ? t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "-";

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 100 ? oneLine : oneLine[..100] + "...";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record RunResult(
        TimeSpan? Reply,
        TimeSpan? FirstCall,
        TimeSpan? FirstPoll,
        IReadOnlyList<(string Phase, long Ms)> Phases,
        string? ReplyText,
        string Output,
        int? ExitCode,
        double? Others,
        TimeSpan? Cpu);
}
