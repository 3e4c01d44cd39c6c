using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Shared;

namespace ChatAssistant.Channels.Console;

/// <summary>
/// The terminal channel behind the <c>chat</c> verb: one owner message per input line, every reply printed,
/// buttons as numbered lines. It goes through the same writer and outbox as every other channel, so what
/// works here works on Telegram, and a chat cut off mid-way resumes where it stopped.
/// </summary>
internal sealed class ConsoleChat(IChannelInbox inbox, IDirectChat chat, TimeProvider time)
{
    public const string Channel = ChannelNames.Console;

    public async Task<int> RunAsync(string user, string? language, TextReader input, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        var (resumed, spoken) = await PrepareAsync(user, language, cancellationToken).ConfigureAwait(false);
        if (interactive)
        {
            // A person at a terminal is told what to type, instead of facing a bare prompt. Piped input (scripts,
            // tests) keeps the plain transcript.
            await output.WriteLineAsync(Greeting(spoken)).ConfigureAwait(false);
        }

        // Replies committed but never printed (the last run was cut off) come first; otherwise, when a
        // conversation is under way, its current question is shown again so the owner knows where they are.
        if (!await PrintPendingAsync(user, output, cancellationToken).ConfigureAwait(false) && resumed is not null)
        {
            Print(output, resumed);
        }

        var counter = 0;
        var runId = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            if (interactive)
            {
                await output.WriteAsync("> ").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return 0;
            }

            var envelope = new InboundEnvelope(Channel, user, $"{runId}-{++counter}", InboundMessage.FromText(line), time.GetUtcNow(), language);
            await inbox.SubmitAsync(envelope, cancellationToken).ConfigureAwait(false);
            await PrintPendingAsync(user, output, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The one line an interactive chat opens with, in the owner's language.</summary>
    internal static string Greeting(string language) => language == Languages.English
        ? "Hello! Type /menu to see what I can help with, or /help at any time."
        : "Halo! Ketik /menu untuk melihat layanan, atau /bantuan kapan saja.";

    /// <summary>Applies --lang and renders the current question, if a conversation is under way.</summary>
    private Task<(OutboundMessage? Question, string Language)> PrepareAsync(string user, string? language, CancellationToken cancellationToken) =>
        chat.ResumeAsync(Channel, user, language, cancellationToken);

    private async Task<bool> PrintPendingAsync(string user, TextWriter output, CancellationToken cancellationToken)
    {
        var pending = chat.Pending(Channel, user, 100);
        foreach (var message in pending)
        {
            Print(output, message.Message);
        }

        if (pending.Count > 0)
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await chat.MarkDeliveredAsync(pending, cancellationToken).ConfigureAwait(false);
        }

        return pending.Count > 0;
    }

    private static void Print(TextWriter output, OutboundMessage message)
    {
        output.WriteLine(message.Text);
        for (var i = 0; i < message.Buttons.Count; i++)
        {
            output.WriteLine($"[{i + 1}] {message.Buttons[i].Label}");
        }

        output.WriteLine();
    }
}
