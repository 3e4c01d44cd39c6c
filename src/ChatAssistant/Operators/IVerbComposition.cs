using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Operators;

/// <summary>
/// What a feature's verb needs of the composition, which Hosting provides when it builds the command line: the
/// verbs live with their features and still depend on nothing above them.
/// </summary>
internal interface IVerbComposition
{
    /// <summary>The configuration every verb reads: appsettings.json, the environment, then <paramref name="overrides"/>.</summary>
    IConfiguration Configuration(IReadOnlyDictionary<string, string?> overrides);

    /// <summary>The conversation core over the configured database, without channels, logging quietly to stderr.</summary>
    IHost BuildConversationHost(IReadOnlyDictionary<string, string?> overrides);

    /// <summary>The channels whose configuration is present, as the worker would run them.</summary>
    IReadOnlyList<string> EnabledChannels(IConfiguration configuration);
}
