using System.CommandLine;
using ChatAssistant.DialogFolder;
using ChatAssistant.Operators;

namespace ChatAssistant.Hosting;

/// <summary>The verbs of the one executable.</summary>
internal static class AssistantCommandLine
{
    public static RootCommand Create()
    {
        StartupPhases.MainStarted();

        // The features' verbs build their hosts through the composition, so they depend on nothing above them.
        var hosts = new OperatorVerbHost(new VerbComposition());
        var root = new RootCommand("ChatAssistant: a chat assistant for Indonesian UMKM owners. With no verb, runs the worker on the configured channels.")
        {
            ChatVerb.Create(),
            DialogsVerb.Create(hosts, HostChannels.Dialogs),
        };
        Array.ForEach([.. Training.TrainingVerbs.Create(hosts)], root.Subcommands.Add);
        root.Subcommands.Add(Reports.ReportVerbs.Create(hosts));
        root.Subcommands.Add(Broadcasts.BroadcastVerbs.Create(hosts));
        root.Subcommands.Add(Reminders.ReminderVerbs.Create(hosts));
        root.Subcommands.Add(Health.HealthVerb.Create(hosts));
        root.Subcommands.Add(DeadLetters.DeadLetterVerbs.Create(hosts));
        root.Subcommands.Add(Migrate.MigrateVerb.Create(hosts));
        root.Subcommands.Add(Migrate.ExportVerb.Create(hosts));
        RunVerb.Attach(root);
        return root;
    }
}
