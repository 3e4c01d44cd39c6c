using ChatAssistant.Conversations;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Training;

internal static class TrainingServices
{
    /// <summary>The training catalogue, the <c>training_programs</c> and <c>my_registrations</c> lists, and the registration actions.</summary>
    public static IServiceCollection AddTraining(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrainingOptions>().Bind(configuration.GetSection(TrainingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrainingOptions>, TrainingOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<TrainingOptions>>().Value.CatalogPath;
            var path = string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(sp.GetRequiredService<IOptions<DialogsOptions>>().Value.Path, TrainingOptions.DefaultFile)
                : configured;
            var catalog = string.IsNullOrWhiteSpace(configured) && !File.Exists(path) ? new TrainingCatalog([]) : TrainingCatalog.Load(path);
            Log.CatalogLoaded(sp.GetRequiredService<ILogger<TrainingCatalog>>(), catalog.Programs.Count, path);
            return catalog;
        });
        services.AddSingleton<TrainingClock>();
        services.AddSingleton<TrainingStore>();
        services.AddSingleton<IChoiceSources>(sp => new TrainingChoiceSources(
            sp.GetRequiredService<TrainingCatalog>(),
            sp.GetRequiredService<TrainingClock>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TrainingStore>));
        services.AddSingleton<IDialogActionHandler, TrainingActions>();
        return services;
    }
}
