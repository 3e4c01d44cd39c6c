using ChatAssistant.Broadcasts;
using ChatAssistant.Channels;
using ChatAssistant.Channels.Console;
using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Handoff;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.OperatorConsole;
using ChatAssistant.Outbox;
using ChatAssistant.Privacy;
using ChatAssistant.Reminders;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using ChatAssistant.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Hosting;

internal static class AssistantServices
{
    /// <summary>The conversation core every verb shares: options, dialogs, engine, store, writer and outbox.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddOptions<DialogsOptions>().Bind(configuration.GetSection(DialogsOptions.Section)).ValidateOnStart();
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<DialogsOptions>, DialogsOptionsValidator>();
        services.AddSingleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
#pragma warning disable RS0030 // the composition root is the one place that hands out the process's randomness
        services.AddSingleton(Random.Shared); // every backoff's jitter: thread-safe, shared; a test gives a seeded one
#pragma warning restore RS0030
        services.AddSingleton<IDialogActions, DialogActions>(); // every IDialogActionHandler below, combined
        services.AddSingleton<PrivacyStore>();
        services.AddSingleton<IDialogActionHandler, PrivacyActions>();
        services.AddSingleton(HostChannels.Dialogs);
        services.AddSingleton<DialogLibrary>();
        services.AddSingleton(sp => new ConversationEngine(sp.GetRequiredService<DialogLibrary>().Load(), sp.GetService<IChoiceSources>(), sp.GetService<IDialogActions>())
        {
            OffersHandoff = sp.GetService<IHandoffRouting>() is not null, // /petugas only where someone can answer
        });
        services.AddStorage();
        services.AddConversationStores();
        services.AddSingleton(sp => new OutboxReader(sp.GetRequiredService<IStorageProvider>()));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ConversationWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationWriter>());
        services.AddSingleton<IStoreWriter>(sp => sp.GetRequiredService<ConversationWriter>());
        services.AddSingleton<ChannelInbox>(); // the channels' port, on the writer
        services.AddSingleton<IChannelInbox>(sp => sp.GetRequiredService<ChannelInbox>());
        services.AddSingleton<IDirectChat>(sp => sp.GetRequiredService<ChannelInbox>());
        services.AddHostedService<DialogReloader>();
        services.AddTraining(configuration);
        services.AddBroadcasts(configuration);
        services.AddReminders(configuration);
        services.AddOperatorConsole(configuration);
        services.AddHandoff(configuration);
        return services;
    }

    public static IServiceCollection AddConsoleChat(this IServiceCollection services) =>
        services.AddSingleton<ConsoleChat>();
}
