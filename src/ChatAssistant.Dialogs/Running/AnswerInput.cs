namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// What the owner gave at the current step, once: a button's value (tapped, or typed by its number or label)
/// or words typed. Made before any decision, so that a tap and its typed form are decided by the same code.
/// A ref struct over the tap's data: nothing is copied.
/// </summary>
internal readonly ref struct AnswerInput
{
    private AnswerInput(ReadOnlySpan<char> button, string? typed, bool isButton)
    {
        Button = button;
        Typed = typed;
        IsButton = isButton;
    }

    /// <summary>The value of the button meant; empty when words were typed that name no button.</summary>
    public ReadOnlySpan<char> Button { get; }

    /// <summary>The words typed when they name no button; null for a button (nothing to quote back).</summary>
    public string? Typed { get; }

    public bool IsButton { get; }

    public static AnswerInput Pressed(ReadOnlySpan<char> value) => new(value, null, isButton: true);

    public static AnswerInput Words(string typed) => new([], typed, isButton: false);

    /// <summary>Whether this is the button with <paramref name="value"/>.</summary>
    public bool Is(string value) => IsButton && Button.SequenceEqual(value);

    /// <summary>
    /// A yes or a no: the <paramref name="yes"/> or <paramref name="no"/> button, or, typed, a yes or no word
    /// ("ya", "tidak", "betul"...). False for anything else.
    /// </summary>
    public bool TryYesNo(string yes, string no, out bool answer)
    {
        if (IsButton)
        {
            answer = Button.SequenceEqual(yes);
            return answer || Button.SequenceEqual(no);
        }

        return Inputs.YesNoParser.TryParse(Typed, out answer);
    }
}
