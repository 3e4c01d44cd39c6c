using ChatAssistant.DialogFolder;
using ChatAssistant.Operators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Hosting;

/// <summary>The composition the features' verbs build on: the same configuration, conversation core and channels as the worker.</summary>
internal sealed class VerbComposition : IVerbComposition
{
    public IConfiguration Configuration(IReadOnlyDictionary<string, string?> overrides) =>
        AssistantHost.CreateBuilder(overrides, quietConsole: true).Configuration;

    public IHost BuildConversationHost(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = AssistantHost.CreateBuilder(overrides, quietConsole: true);

        // An operator's verb loads the dialogs for what it needs of them (commands, step order): maintainers'
        // authoring warnings would bury its own lines. Errors still show.
        builder.Logging.AddFilter(typeof(DialogLibrary).FullName, LogLevel.Error);
        builder.Services.AddConversations(builder.Configuration);
        return builder.Build();
    }

    public IReadOnlyList<string> EnabledChannels(IConfiguration configuration) => WorkerHost.EnabledChannels(configuration);
}
