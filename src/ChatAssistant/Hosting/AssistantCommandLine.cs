using System.CommandLine;
using ChatAssistant.Channels.Console;
using ChatAssistant.Dialogs;

namespace ChatAssistant.Hosting;

/// <summary>The verbs of the one executable.</summary>
internal static class AssistantCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("ChatAssistant: a chat assistant for Indonesian UMKM owners. With no verb, runs the worker on the configured channels.")
        {
            ChatVerb.Create(),
            DialogsVerb.Create(),
        };
        Array.ForEach([.. Training.TrainingVerbs.Create()], root.Subcommands.Add);
        root.Subcommands.Add(Reports.ReportVerbs.Create());
        root.Subcommands.Add(Broadcasts.BroadcastVerbs.Create());
        root.Subcommands.Add(Health.HealthVerb.Create());
        root.Subcommands.Add(DeadLetters.DeadLetterVerbs.Create());
        RunVerb.Attach(root);
        return root;
    }
}
