namespace ChatAssistant.Dialogs.Messages;

/// <summary>
/// What a button sends back. An answer button names its step, so that a tap on an old message is recognised
/// as stale instead of answering whatever question is current. A command button is the command itself.
/// </summary>
public static class ButtonData
{
    private const char Separator = '|';

    public static string ForAnswer(string stepId, string value) => string.Concat(stepId, "|", value);

    public static bool TryParseAnswer(string data, out ReadOnlySpan<char> stepId, out ReadOnlySpan<char> value)
    {
        var cut = data.IndexOf(Separator, StringComparison.Ordinal);
        if (cut <= 0)
        {
            stepId = default;
            value = default;
            return false;
        }

        stepId = data.AsSpan(0, cut);
        value = data.AsSpan(cut + 1);
        return true;
    }
}
