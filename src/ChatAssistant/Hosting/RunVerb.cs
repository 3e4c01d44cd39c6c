using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace ChatAssistant.Hosting;

/// <summary>The default verb: run the worker on every channel that configuration enables.</summary>
internal static class RunVerb
{
    public const int NoChannelExitCode = 2;

    public static void Attach(RootCommand root) => root.SetAction(async (_, cancellationToken) =>
    {
        var builder = AssistantHost.CreateBuilder(new Dictionary<string, string?>(), quietConsole: false);
        var channels = EnabledChannels(builder.Configuration);
        if (channels.Count == 0)
        {
            await Console.Error.WriteLineAsync(
                "No chat channel is enabled in configuration, so there is nothing for the worker to serve.\n" +
                "To talk to the assistant in this terminal instead, run:\n" +
                "  dotnet run --project src/ChatAssistant -- chat").ConfigureAwait(false);
            return NoChannelExitCode;
        }

        return 0;
    });

    /// <summary>The channels whose configuration is present. Channels register here as they are added.</summary>
    internal static IReadOnlyList<string> EnabledChannels(IConfiguration configuration)
    {
        _ = configuration;
        return [];
    }
}
