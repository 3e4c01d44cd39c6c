using ChatAssistant.Operators;
using Microsoft.Extensions.Configuration;

namespace ChatAssistant.DialogFolder;

/// <summary>Which dialogs folder a maintainer's tool reads: the one given, else configuration's Dialogs:Path.</summary>
internal static class DialogsFolder
{
    public static string Resolve(string? given, OperatorVerbHost hosts)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        // The same configuration the worker reads (appsettings.json, then Dialogs__Path in the environment),
        // so that the tool checks the folder the worker would load.
        var configuration = hosts.Configuration(new Dictionary<string, string?>());
        var path = configuration[$"{DialogsOptions.Section}:{nameof(DialogsOptions.Path)}"];
        return string.IsNullOrWhiteSpace(path) ? new DialogsOptions().Path : path;
    }
}
