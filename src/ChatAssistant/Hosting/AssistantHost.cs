using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Hosting;

/// <summary>
/// Builds the generic host with one configuration for every verb: appsettings.json beside the executable,
/// then environment variables (<c>Storage__Path</c>...), then the verb's command-line options.
/// </summary>
internal static class AssistantHost
{
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> overrides, bool quietConsole)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Relative paths in configuration (data/..., dialogs) are relative to where the command runs.
        builder.Configuration.AddInMemoryCollection(overrides);
        if (quietConsole)
        {
            // A terminal verb owns standard output; logs go to standard error, and only what needs attention.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = nameof(LogLevel.Warning),
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = nameof(LogLevel.Warning),
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return builder;
    }
}
