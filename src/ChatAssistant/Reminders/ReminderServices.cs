using ChatAssistant.Broadcasts;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Reminders;

internal static class ReminderServices
{
    /// <summary>Reminders' options, texts, store and outbox observer; each source of reminders registers itself here.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReminderOptions>>().Value;
            var path = TextsPath(options, sp.GetRequiredService<IOptions<DialogsOptions>>().Value);
            if (string.IsNullOrWhiteSpace(options.TextsPath) && !File.Exists(path))
            {
                // A dialogs folder without reminders.yaml (a test's, an older deployment's): nothing to say, so nothing is sent.
                // The worker's scheduler says so (a warning); the chat verb and operator verbs need not.
                return ReminderTexts.None;
            }

            var logger = sp.GetRequiredService<ILogger<ReminderTexts>>();
            try
            {
                var texts = ReminderTexts.Load(path);
                Log.TextsLoaded(logger, path);
                return texts;
            }
            catch (ReminderTextsException ex)
            {
                // A mistake in the wording file must not stop owners being served: the worker runs without reminders
                // (they wait, scheduled, until the file reads) and says why. `dialogs validate` finds it before deploying.
                Log.TextsRefused(logger, path, ex.Message);
                return ReminderTexts.None;
            }
        });
        services.AddSingleton<ReminderStore>();
        services.AddSingleton<IOutboxObserver, ReminderOutboxObserver>();
        services.AddSingleton<IReminderSource, TrainingReminderSource>();
        services.AddSingleton<IReminderSource, DeadlineReminderSource>();
        services.AddSingleton<IReminderSource, UnfinishedReminderSource>();
        services.AddSingleton<IReminderSource, ExportRecheckReminderSource>();
        services.AddSingleton<IDialogActionHandler, ReminderActions>();
        return services;
    }

    /// <summary>The configured texts file, or reminders.yaml in the dialogs folder's data.</summary>
    public static string TextsPath(ReminderOptions options, DialogsOptions dialogs) =>
        string.IsNullOrWhiteSpace(options.TextsPath) ? Path.Combine(dialogs.Path, ReminderOptions.DefaultFile) : options.TextsPath;

    /// <summary>The scheduler that plans and queues reminders on the worker's channels (one replica at a time).</summary>
    public static IServiceCollection AddReminderScheduler(this IServiceCollection services, IReadOnlyList<string> channels) =>
        services.AddSingleton<IHostedService>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReminderOptions>>().Value;
            return new ReminderScheduler(
                channels,
                options,
                sp.GetRequiredService<IOptions<BroadcastOptions>>().Value.QuietHours,
                sp.GetRequiredService<ReminderTexts>(),
                sp.GetRequiredService<IOptions<WhatsAppTemplateOptions>>().Value,
                sp.GetServices<IReminderSource>(),
                sp.GetRequiredService<IStoreWriter>(),
                sp.GetRequiredService<ReminderStore>(),
                sp.GetRequiredService<OutboxStore>(),
                sp.GetRequiredService<OutboxSignal>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Random>(),
                sp.GetRequiredService<ILogger<ReminderScheduler>>());
        });
}
