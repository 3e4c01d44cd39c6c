using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// Sets the command menu Telegram shows beside the text box: Bahasa Indonesia by default, English for
/// owners whose Telegram is in English. Dialog commands come from the live dialogs. Set beside the start, not before
/// it: the menu's round trips to Telegram must not keep the first owner waiting for polling to begin.
/// </summary>
internal sealed class TelegramCommandMenu(
    ITelegramBotClient bot,
    ConversationEngine engine,
    IOptions<OperatorOptions> operators,
    ILogger<TelegramCommandMenu> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bot.SetMyCommands(Commands(Languages.Indonesian), cancellationToken: cancellationToken).ConfigureAwait(false);
            await bot.SetMyCommands(Commands(Languages.English), languageCode: Languages.English, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The menu is a convenience; typed commands work without it.
            Log.MenuFailed(logger, ex);
        }

        // Operators see their commands (/siaran) in their own chat's menu; nobody else's menu shows them.
        foreach (var id in operators.Value.TelegramUserIds)
        {
            try
            {
                await bot.SetMyCommands(OperatorCommands(), scope: new BotCommandScopeChat { ChatId = id }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Typically "chat not found": the operator has not started a chat with the bot yet.
                Log.OperatorMenuFailed(logger, id, ex);
            }
        }
    }

    /// <summary>An operator's menu: the owners' commands, then the operators' dialogs.</summary>
    internal IReadOnlyList<BotCommand> OperatorCommands() =>
    [
        .. Commands(Languages.Indonesian),
        .. engine.Catalog.OperatorDialogs
            .Where(d => d.Definition.Commands.Count > 0)
            .Select(d => Command(d.Definition.Commands[0], d.Definition.Title.Plain(Languages.Indonesian))),
    ];

    internal IReadOnlyList<BotCommand> Commands(string language)
    {
        var english = language == Languages.English;
        var commands = new List<BotCommand> { Command("/menu", english ? "List of services" : "Daftar layanan") };
        foreach (var dialog in engine.Catalog.Dialogs)
        {
            if (dialog.Definition.Commands.Count > 0 && dialog.Definition.Audience == DialogAudience.Owners)
            {
                commands.Add(Command(dialog.Definition.Commands[0], dialog.Definition.Title.Plain(language)));
            }
        }

        commands.Add(Command(english ? "/back" : "/kembali", english ? "The previous question" : "Ke pertanyaan sebelumnya"));
        commands.Add(Command(english ? "/cancel" : "/batal", english ? "Stop this conversation" : "Hentikan percakapan ini"));
        commands.Add(Command(english ? "/language" : "/bahasa", english ? "Bahasa Indonesia" : "English"));
        if (engine.OffersHandoff)
        {
            // Only where someone answers in the console (Handoff:Enabled); elsewhere the command is unknown.
            commands.Add(Command(english ? "/human" : "/petugas", english ? "Talk to a person" : "Bicara dengan petugas"));
        }

        commands.Add(Command(english ? "/help" : "/bantuan", english ? "Help" : "Bantuan"));
        return commands;
    }

    private static BotCommand Command(string command, string description) => new() { Command = command.TrimStart('/'), Description = description };
}
