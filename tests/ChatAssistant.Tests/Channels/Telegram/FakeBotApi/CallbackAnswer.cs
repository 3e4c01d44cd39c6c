namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>An answerCallbackQuery the fake accepted, tied back to the update that carried the tap.</summary>
internal sealed record CallbackAnswer(long UpdateId, string CallbackQueryId, string? Text, bool ShowAlert, TimeSpan At);
