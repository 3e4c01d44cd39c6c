using System.CommandLine;
using ChatAssistant.Operators;

namespace ChatAssistant.DialogFolder;

/// <summary><c>dialogs ...</c>: the maintainers' tools for dialog files, run before deploying a change.</summary>
internal static class DialogsVerb
{
    public static Command Create(OperatorVerbHost hosts, DialogChannels channels)
    {
        var command = new Command("dialogs", "Check, draw and test the dialog files.");

        // Each tool adds its subcommand here.
        command.Subcommands.Add(ValidateVerb.Create(TimeProvider.System, hosts, channels));
        command.Subcommands.Add(GraphVerb.Create(hosts, channels));
        command.Subcommands.Add(TestVerb.Create(hosts, channels));
        return command;
    }

    /// <summary>The dialogs folder as a positional argument, kept for <c>dialogs validate DIR</c> written before <c>--dialogs</c>.</summary>
    public static Argument<string?> FolderArgument() => new("dir")
    {
        Description = "The dialogs folder, as --dialogs (default: Dialogs:Path, dialogs).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The dialogs folder option every verb that reads dialogs takes, as chat and the worker do.</summary>
    public static Option<string?> FolderOption() => new("--dialogs")
    {
        Description = "The dialogs folder (default: Dialogs:Path, dialogs).",
    };

    /// <summary>The folder given by --dialogs or positionally (the option wins), else configuration's.</summary>
    public static string Folder(ParseResult parse, Argument<string?> argument, Option<string?> option, OperatorVerbHost hosts) =>
        DialogsFolder.Resolve(parse.GetValue(option) ?? parse.GetValue(argument), hosts);
}
