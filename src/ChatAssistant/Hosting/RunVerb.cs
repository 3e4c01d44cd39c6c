using System.CommandLine;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Hosting;

/// <summary>The default verb: run the worker on every channel that configuration enables.</summary>
internal static class RunVerb
{
    public const int NoChannelExitCode = 2;

    public static void Attach(RootCommand root) => root.SetAction(async (parse, cancellationToken) =>
    {
        var phases = new StartupPhases();
        using var host = WorkerHost.Build(new Dictionary<string, string?>(), out var channels);
        phases.HostBuilt();
        if (channels.Count == 0)
        {
            await Console.Error.WriteLineAsync(
                "No chat channel is enabled, so there is nothing for the worker to serve.\n" +
                "To run on Telegram, set the bot token from BotFather, e.g. the environment variable Telegram__BotToken.\n" +
                "To run on WhatsApp, set WhatsApp__AccessToken, WhatsApp__PhoneNumberId, WhatsApp__AppSecret and WhatsApp__VerifyToken (README: Run on WhatsApp).\n" +
                "To talk to the assistant in this terminal instead, run:\n" +
                "  dotnet run --project src/ChatAssistant -- chat").ConfigureAwait(false);
            return NoChannelExitCode;
        }

        DatabaseLock? held = null;
        try
        {
            // Before anything opens the database: a second worker on it would send every reply twice.
            held = SingleWriter.Take(host.Services, "the worker");

            // Resolved first so that a wrong path or an invalid setting is one clear line, not a stack trace.
            _ = host.Services.GetRequiredService<ConversationEngine>();
            _ = host.Services.GetRequiredService<WriteSession>();
            phases.CoreReady();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            phases.Started(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupPhases).FullName!));
        }
        catch (Exception ex) when (StartupProblem.IsFixable(ex))
        {
            await Console.Error.WriteLineAsync(StartupProblem.Describe(ex)).ConfigureAwait(false);
            held?.Dispose();
            return 1;
        }

        using (held)
        {
            await host.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    });
}
