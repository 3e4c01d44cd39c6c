using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Hosting;

/// <summary>
/// Where the worker's start-up goes, logged once when it is ready to serve (Information, EventId 11000): the
/// runtime (process start to our first line of code, from the kernel's start time, to about 10 ms), the command
/// line, building the host, loading the dialogs with opening and migrating the database, and starting the hosted
/// services; and how much of it went to compiling methods that had no precompiled (ReadyToRun) code. The first reply needs all of them; the load harness's <c>--cold-start</c> run prints this line.
/// </summary>
internal sealed class StartupPhases
{
    private static long _mainStarted;
    private static DateTimeOffset _mainStartedAt;

    private readonly long _verbStarted = Stopwatch.GetTimestamp();
    private long _hostBuilt;
    private long _coreReady;

    /// <summary>Our first line of code: the end of the runtime's own start-up.</summary>
    public static void MainStarted()
    {
        _mainStarted = Stopwatch.GetTimestamp();
        _mainStartedAt = TimeProvider.System.GetUtcNow();
    }

    public void HostBuilt() => _hostBuilt = Stopwatch.GetTimestamp();

    /// <summary>
    /// The dialogs loaded and validated and the database opened and migrated: one phase, since the engine's own
    /// dependencies (the dialogs' actions and their stores) open the database before the dialogs load.
    /// </summary>
    public void CoreReady() => _coreReady = Stopwatch.GetTimestamp();

    /// <summary>The hosted services have started: logs every phase.</summary>
    public void Started(ILogger logger)
    {
        var now = Stopwatch.GetTimestamp();
        var main = _mainStarted == 0 ? _verbStarted : _mainStarted;
        var runtime = RuntimeStartup();
        Log.StartupTook(
            logger,
            runtime + Ms(main, now),
            runtime,
            Ms(main, _verbStarted),
            Ms(_verbStarted, _hostBuilt),
            Ms(_hostBuilt, _coreReady),
            Ms(_coreReady, now),
            (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount());
    }

    private static long Ms(long from, long to) => from == 0 || to == 0 ? 0 : (long)Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static long RuntimeStartup()
    {
        if (_mainStarted == 0)
        {
            return 0;
        }

        try
        {
            using var self = Process.GetCurrentProcess();
            return Math.Max(0, (long)(_mainStartedAt - new DateTimeOffset(self.StartTime)).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return 0; // no start time on this platform: the harness still times the whole from outside
        }
    }
}
