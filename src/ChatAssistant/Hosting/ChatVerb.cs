using System.CommandLine;
using ChatAssistant.Channels.Console;
using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Hosting;

/// <summary><c>chat</c>: talk to the assistant in this terminal, without any chat app or token.</summary>
internal static class ChatVerb
{
    public static Command Create()
    {
        var user = new Option<string>("--user")
        {
            Description = "Who you are in the conversation; the same id continues the same conversation.",
            DefaultValueFactory = _ => Environment.UserName,
        };
        var db = new Option<string?>("--db") { Description = "The database file (default: Storage:Path, data/chatassistant.db)." };
        var dialogs = new Option<string?>("--dialogs") { Description = "The dialogs folder (default: Dialogs:Path, dialogs)." };
        var language = new Option<string?>("--lang") { Description = "The language to talk in: id (Bahasa Indonesia) or en." };
        language.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && Languages.Normalize(value) is null)
            {
                result.AddError($"--lang is 'id' or 'en', not '{value}'.");
            }
        });

        var command = new Command("chat", "Talk to the assistant in this terminal: one message per line; buttons are numbered.")
        {
            user, db, dialogs, language,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(db) is { } dbPath)
            {
                overrides["Storage:Path"] = dbPath;
            }

            if (parse.GetValue(dialogs) is { } dialogsPath)
            {
                overrides["Dialogs:Path"] = dialogsPath;
            }

            var builder = AssistantHost.CreateBuilder(overrides, quietConsole: true);
            // Authoring warnings are for maintainers (dialogs validate, the worker's log), never in an owner's chat.
            // Errors still show.
            builder.Logging.AddFilter(typeof(DialogLibrary).FullName, LogLevel.Error);
            builder.Services.AddConversations(builder.Configuration).AddConsoleChat();
            builder.Services.AddSingleton<IHostLifetime, TerminalLifetime>();
            using var host = builder.Build();
            DatabaseLock? held = null;
            try
            {
                // chat writes as the database's one writer, like the worker: never beside it.
                held = SingleWriter.Take(host.Services, "chat");

                // Resolving these first turns a wrong path or a locked database into one clear line,
                // before the host would log it with a stack trace.
                _ = host.Services.GetRequiredService<IOptions<DialogsOptions>>().Value;
                _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
                _ = host.Services.GetRequiredService<Dialogs.Running.ConversationEngine>();
                _ = host.Services.GetRequiredService<WriteSession>();
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StartupProblem.IsFixable(ex))
            {
                await System.Console.Error.WriteLineAsync($"chat: {StartupProblem.Describe(ex)}").ConfigureAwait(false);
                held?.Dispose();
                return 1;
            }

            using var release = held;

            var chat = host.Services.GetRequiredService<ConsoleChat>();
            var code = await chat.RunAsync(
                parse.GetValue(user)!,
                Languages.Normalize(parse.GetValue(language)),
                System.Console.In,
                System.Console.Out,
                interactive: !System.Console.IsInputRedirected,
                cancellationToken).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return code;
        });
        return command;
    }
}
