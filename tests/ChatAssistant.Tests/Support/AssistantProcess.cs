using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatAssistant.Tests.Support;

/// <summary>Runs the real executable as its own process, the way a maintainer or a script runs it.</summary>
internal static class AssistantProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string input, params string[] arguments) =>
        RunAsync(input, new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string input, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The assistant did not exit. Output so far:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the executable with its standard streams redirected; the caller reads or kills it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatAssistant.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Starts the executable and reads its output as it comes (a full pipe would stall it) into <paramref name="log"/>,
    /// for a failure message; the caller kills it.
    /// </summary>
    public static Process StartLogged(IReadOnlyDictionary<string, string> environment, StringBuilder log, params string[] arguments)
    {
        var process = Start(environment, arguments);
        void Append(object sender, DataReceivedEventArgs line)
        {
            lock (log)
            {
                log.AppendLine(line.Data);
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A TCP port free on 127.0.0.1 just now, for a server that must keep its address across restarts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository root, found from the test's output folder, for the shipped dialogs.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ChatAssistant.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ChatAssistant.sln not found above " + AppContext.BaseDirectory);
    }
}
