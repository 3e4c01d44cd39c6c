using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// How many answers in a row the assistant could not read at the current question, kept with the conversation's
/// answers under a key no dialog can use (as <see cref="ConversationState.PendingKey"/>), so the count survives a
/// restart and a session dropped from the host's cache. Stored as "step:count"; a miss at another step starts again.
/// </summary>
internal static class Misses
{
    /// <summary>From the second answer in a row not understood, a person is offered.</summary>
    public const int OfferAfter = 2;

    private const string Key = "@misses";

    /// <summary>Counts one more answer not understood at <paramref name="stepId"/>; returns the count in a row.</summary>
    public static int Count(ConversationState conversation, string stepId)
    {
        var count = 1;
        if (conversation.Answers.TryGetValue(Key, out var kept) && kept.Text is { } text && text.LastIndexOf(':') is var colon and > 0
            && text.AsSpan(0, colon).SequenceEqual(stepId)
            && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var before))
        {
            count = before + 1;
        }

        conversation.SetAnswer(Key, DialogValue.FromText(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{stepId}:{count}")));
        return count;
    }

    /// <summary>An answer was read, or a person asked for: the next miss counts from one.</summary>
    public static void Forget(ConversationState conversation) => conversation.RemoveAnswer(Key);
}
