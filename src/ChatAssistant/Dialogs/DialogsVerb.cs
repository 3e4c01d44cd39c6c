using System.CommandLine;

namespace ChatAssistant.Dialogs;

/// <summary><c>dialogs ...</c>: the maintainers' tools for dialog files, run before deploying a change.</summary>
internal static class DialogsVerb
{
    public static Command Create()
    {
        var command = new Command("dialogs", "Check, draw and test the dialog files.");

        // Each tool adds its subcommand here.
        command.Subcommands.Add(ValidateVerb.Create());
        command.Subcommands.Add(GraphVerb.Create());
        command.Subcommands.Add(TestVerb.Create());
        return command;
    }

    /// <summary>The dialogs folder option every subcommand shares: configuration's Dialogs:Path unless given.</summary>
    public static Argument<string?> FolderArgument() => new("dir")
    {
        Description = "The dialogs folder (default: Dialogs:Path, dialogs).",
        Arity = ArgumentArity.ZeroOrOne,
    };
}
