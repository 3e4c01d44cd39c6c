using ChatAssistant.Dialogs.Conditions;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Dialogs.Running;

/// <summary>A step with its 'next' rules resolved to step indexes, so moving on is a walk over an array.</summary>
internal sealed class CompiledStep(StepDefinition definition, int index, Condition?[] conditions, int[] targets)
{
    public StepDefinition Definition { get; } = definition;

    public string Id => Definition.Id;

    public int Index { get; } = index;

    public Condition?[] NextConditions { get; } = conditions;

    public int[] NextTargets { get; } = targets;

    // Buttons are built once per language at load time; showing a question allocates none.
    private readonly Button[] _indonesianButtons = BuildButtons(definition, Languages.Indonesian);
    private readonly Button[] _englishButtons = BuildButtons(definition, Languages.English);

    public Button[] Buttons(string language) => language == Languages.English ? _englishButtons : _indonesianButtons;

    private readonly Button[] _indonesianConfirm = BuildConfirmButtons(definition, Languages.Indonesian);
    private readonly Button[] _englishConfirm = BuildConfirmButtons(definition, Languages.English);

    /// <summary>The "still right" / "change" buttons offered with a known profile value.</summary>
    public Button[] ConfirmButtons(string language) => language == Languages.English ? _englishConfirm : _indonesianConfirm;

    private readonly Button[] _indonesianCheck = BuildCheckButtons(definition, Languages.Indonesian);
    private readonly Button[] _englishCheck = BuildCheckButtons(definition, Languages.English);

    /// <summary>Yes and No under an answer said back before it is stored ("… — benar?").</summary>
    public Button[] CheckButtons(string language) => language == Languages.English ? _englishCheck : _indonesianCheck;

    private static Button[] BuildCheckButtons(StepDefinition definition, string language) => definition is AskStep ask
        ?
        [
            new Button(SystemTexts.Yes(language), ButtonData.ForAnswer(ask.Id, CheckYesValue)),
            new Button(SystemTexts.No(language), ButtonData.ForAnswer(ask.Id, CheckNoValue)),
        ]
        : [];

    private static Button[] BuildConfirmButtons(StepDefinition definition, string language) => definition is AskStep { SavesToProfile: true } ask
        ?
        [
            new Button(SystemTexts.KeepKnown(language), ButtonData.ForAnswer(ask.Id, KeepValue)),
            new Button(SystemTexts.ChangeKnown(language), ButtonData.ForAnswer(ask.Id, ChangeValue)),
        ]
        : [];

    private static Button[] BuildButtons(StepDefinition definition, string language)
    {
        var buttons = BuildAnswerButtons(definition, language);
        // A question with a help text gets "Apa ini?" as its last button.
        return definition is AskStep { Help: not null } ask
            ? [.. buttons, new Button(SystemTexts.WhatIsThis(language), ButtonData.ForAnswer(ask.Id, HelpValue))]
            : buttons;
    }

    private static Button[] BuildAnswerButtons(StepDefinition definition, string language) => definition switch
    {
        AskStep { Input.Kind: InputKind.YesNo } ask =>
        [
            new Button(SystemTexts.Yes(language), ButtonData.ForAnswer(ask.Id, YesValue)),
            new Button(SystemTexts.No(language), ButtonData.ForAnswer(ask.Id, NoValue)),
        ],
        AskStep { Input.Kind: InputKind.Choice } ask =>
            ask.Input.Options.Select(o => new Button(o.Label.Plain(language), ButtonData.ForAnswer(ask.Id, o.Value), o.Short?.Plain(language))).ToArray(),
        ReviewStep review =>
        [
            new Button(SystemTexts.ReviewConfirm(language), ButtonData.ForAnswer(review.Id, ReviewOkValue)),
            .. review.Items.Select((item, i) => new Button(
                SystemTexts.ReviewEdit(language, i + 1, item.Label.Plain(language)),
                ButtonData.ForAnswer(review.Id, ReviewEditPrefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        ],
        _ => [],
    };

    private RepromptText? _indonesianReprompt;
    private RepromptText? _englishReprompt;

    /// <summary>
    /// What to type, said when an answer was not understood (<see cref="SystemTexts.Reprompt"/>): the same for every
    /// owner at this question, so written once per language and kept (a run-time list's button count can change it).
    /// </summary>
    public string Reprompt(string language, int buttons)
    {
        var english = language == Languages.English;
        var kept = english ? _englishReprompt : _indonesianReprompt;
        if (kept is not null && kept.Buttons == buttons)
        {
            return kept.Text;
        }

        kept = new RepromptText(buttons, SystemTexts.Reprompt(language, ((AskStep)Definition).Input, buttons));
        if (english)
        {
            _englishReprompt = kept;
        }
        else
        {
            _indonesianReprompt = kept;
        }

        return kept.Text;
    }

    /// <summary>One object, so a reader never sees one count with another count's text.</summary>
    private sealed record RepromptText(int Buttons, string Text);

    public const string YesValue = "yes";
    public const string HelpValue = "?";
    public const string NoValue = "no";
    public const string KeepValue = "keep";
    public const string ChangeValue = "change";
    public const string ReviewOkValue = "ok";
    public const string ReviewEditPrefix = "edit-";
    public const string MoreValue = "~more";
    public const string CheckYesValue = "~yes";
    public const string CheckNoValue = "~no";

    public int SelectNext(IValueSource values)
    {
        for (var i = 0; i < NextTargets.Length; i++)
        {
            if (NextConditions[i] is not { } condition || condition.Evaluate(values))
            {
                return NextTargets[i];
            }
        }

        return -1;
    }
}
