using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Storage;
using ChatAssistant.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The worker's services the console's pages use. The web host has a container of its own; these are handed to it as
/// the worker's very instances (registered as instances, so the web host never disposes them), one line each.
/// </summary>
internal static class ConsoleWorkerServices
{
    private static readonly Type[] Types =
    [
        typeof(IStorageProvider),
        typeof(IStoreWriter),
        typeof(ConsoleStore),
        typeof(AuditLog),
        typeof(ConsoleSessions),
        typeof(IOptions<ConsoleOptions>),
        typeof(BroadcastConsole),
        typeof(ConversationEngine), // the dashboard's dialogs and the dialogs pages, live across reloads
        typeof(Handoff.HandoffConsole),
        typeof(TrainingCatalog),
        typeof(TrainingClock),
        typeof(DialogLibrary),
    ];

    public static void Forward(IServiceProvider worker, IServiceCollection web)
    {
        foreach (var type in Types)
        {
            web.AddSingleton(type, worker.GetRequiredService(type));
        }
    }
}
