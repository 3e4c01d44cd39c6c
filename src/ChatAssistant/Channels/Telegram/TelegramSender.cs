using System.Globalization;
using System.Net;
using ChatAssistant.Outbox;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace ChatAssistant.Channels.Telegram;

/// <summary>
/// Sends outbox messages with sendMessage: buttons as an inline keyboard (one per row, readable on small
/// screens), long texts split at paragraphs. Texts go out without a parse mode, so whatever owners typed
/// (names with _, *, [ or &lt;) is shown exactly as typed and can never break the formatting.
/// </summary>
internal sealed class TelegramSender(ITelegramBotClient bot) : IOutboxChannel
{
    public string Name => TelegramInbound.Channel;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var chatId = long.Parse(message.ChatId, CultureInfo.InvariantCulture);
        var parts = TelegramText.Split(message.Message.Text.Length == 0 ? "…" : message.Message.Text);
        var keyboard = message.Message.Buttons.Count == 0
            ? null
            : new InlineKeyboardMarkup(message.Message.Buttons.Select(b => new[] { InlineKeyboardButton.WithCallbackData(b.Label, b.Data) }));
        try
        {
            var lastId = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var sent = await bot.SendMessage(
                    chatId,
                    parts[i],
                    replyMarkup: i == parts.Count - 1 ? keyboard : null,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                lastId = sent.Id;
            }

            return SendResult.Sent(lastId.ToString(CultureInfo.InvariantCulture));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            return new SendResult(SendOutcome.RateLimited, RetryAfter: TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 1), Error: ex.Message);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403)
        {
            return new SendResult(SendOutcome.Blocked, Error: ex.Message);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500)
        {
            return new SendResult(SendOutcome.Rejected, Error: ex.Message);
        }
        catch (RequestException ex) when (ex.HttpStatusCode is null or >= HttpStatusCode.InternalServerError || ex is ApiRequestException)
        {
            return new SendResult(SendOutcome.Transient, Error: ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(SendOutcome.Transient, Error: ex.Message);
        }
    }
}
