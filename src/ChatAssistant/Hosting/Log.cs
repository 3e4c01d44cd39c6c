using Microsoft.Extensions.Logging;

namespace ChatAssistant.Hosting;

internal static partial class Log
{
    // The load harness's cold-start run (load --cold-start) reads this line: keep "Start-up took" and the "<phase> <n> ms" pairs.
    [LoggerMessage(EventId = 11000, Level = LogLevel.Information, Message = "Start-up took {TotalMs} ms from process start: runtime {RuntimeMs} ms, command line {CommandLineMs} ms, host built {HostMs} ms, dialogs and database {DialogsMs} ms, hosted services {ServicesMs} ms; jit {JitMs} ms ({JitMethods} methods compiled)")]
    public static partial void StartupTook(ILogger logger, long totalMs, long runtimeMs, long commandLineMs, long hostMs, long dialogsMs, long servicesMs, long jitMs, long jitMethods);
}
