using System.Globalization;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// Applies one Telegram update, from polling or the webhook alike: the conversation, and in polling mode the
/// next offset, are committed in one transaction, so an update is neither lost nor applied twice.
/// </summary>
internal sealed class TelegramReceiver(IChannelInbox inbox, ITelegramBotClient bot, TimeProvider time, ILogger<TelegramReceiver> logger)
{
    public const string OffsetKey = "offset";

    /// <summary>
    /// Hands the update to the writer. The writer is queued in call order, so calling this for a batch of
    /// updates without awaiting each one keeps every chat's order while letting the batch share a transaction.
    /// An update that cannot be used is kept as a dead letter and acknowledged like any other: it never stops
    /// the channel, and is not fetched again.
    /// </summary>
    public Task HandleAsync(RawUpdate raw, bool commitOffset, CancellationToken cancellationToken)
    {
        var position = commitOffset ? new ChannelPosition(OffsetKey, (raw.Id + 1L).ToString(CultureInfo.InvariantCulture)) : null;
        var inbound = raw.Update is { } update
            ? TelegramInbound.Read(update, raw.Id)
            : new TelegramInbound(TelegramInboundKind.Malformed, raw.Id, 0, default, null, Problem: raw.Problem);
        var chatId = inbound.ChatId.ToString(CultureInfo.InvariantCulture);
        var updateId = raw.Id.ToString(CultureInfo.InvariantCulture);

        switch (inbound.Kind)
        {
            case TelegramInboundKind.Conversation:
                var envelope = new InboundEnvelope(TelegramInbound.Channel, chatId, updateId, inbound.Message, time.GetUtcNow(), inbound.LanguageHint, position);
                var handled = inbox.SubmitAsync(envelope, cancellationToken);
                return inbound.CallbackQueryId is null ? handled : AcknowledgeTapAfter(handled, inbound, cancellationToken);

            case TelegramInboundKind.Malformed:
                var reason = inbound.Problem ?? "unusable update";
                Log.DeadLetter(logger, updateId, reason);
                var kept = raw.Json.Length > TelegramUpdateReader.MaxKeptBytes ? raw.Json[..TelegramUpdateReader.MaxKeptBytes] : raw.Json;
                return inbox.RecordDeadLetterAsync(TelegramInbound.Channel, updateId, kept.Length < raw.Json.Length ? reason + " (cut to 64 KiB)" : reason, kept, position, cancellationToken);

            case TelegramInboundKind.ForeignTap:
                Log.ForeignTap(logger, updateId, inbound.Problem);
                return RefuseTapAfter(inbox.SavePositionAsync(TelegramInbound.Channel, position, cancellationToken), inbound, cancellationToken);

            case TelegramInboundKind.GroupNote:
                // Groups are not owners: they are told, once per update, to open a private chat.
                return inbox.AnswerOnceAsync(TelegramInbound.Channel, chatId, updateId, OutboundMessage.Plain(GroupNote(inbound.LanguageHint)), position, cancellationToken);

            case TelegramInboundKind.Blocked:
            case TelegramInboundKind.Unblocked:
                Log.Membership(logger, chatId, inbound.Kind);
                return inbox.RecordMembershipAsync(TelegramInbound.Channel, chatId, reachable: inbound.Kind == TelegramInboundKind.Unblocked, position, cancellationToken);

            default:
                return position is null ? Task.CompletedTask : inbox.SavePositionAsync(TelegramInbound.Channel, position, cancellationToken);
        }
    }

    /// <summary>
    /// Once the tap is committed: stop the button's spinner, and take the keyboard off the tapped message so it
    /// cannot be tapped twice. Both are courtesies; if they fail, a later tap is still recognised as stale.
    /// </summary>
    private async Task AcknowledgeTapAfter(Task handled, TelegramInbound tap, CancellationToken cancellationToken)
    {
        await handled.ConfigureAwait(false);
        try
        {
            await bot.AnswerCallbackQuery(tap.CallbackQueryId!, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (tap.CallbackMessageId is { } messageId)
            {
                await bot.EditMessageReplyMarkup(tap.ChatId, messageId, replyMarkup: null, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TapAcknowledgeFailed(logger, tap.ChatId, ex);
        }
    }

    /// <summary>Once the position is committed: stop the spinner of a tap that is not the tapper's to make, saying so.</summary>
    private async Task RefuseTapAfter(Task committed, TelegramInbound tap, CancellationToken cancellationToken)
    {
        await committed.ConfigureAwait(false);
        try
        {
            var text = Languages.Normalize(tap.LanguageHint) == Languages.English
                ? "This button is not for you."
                : "Tombol ini bukan untuk Anda.";
            await bot.AnswerCallbackQuery(tap.CallbackQueryId!, text, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TapAcknowledgeFailed(logger, tap.ChatId, ex);
        }
    }

    private static string GroupNote(string? language) => Languages.Normalize(language) == Languages.English
        ? "Hello! I work in private chats only, so that your answers stay private. Please open a chat with me and send /start."
        : "Halo! Saya hanya melayani lewat chat pribadi agar jawaban Anda tetap terjaga. Silakan buka chat pribadi dengan saya dan kirim /start.";
}
