using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Running;

/// <summary>What reading an answer gave: refused, one answer, or a word that fits several choices.</summary>
internal enum ReadResult
{
    Refused,
    Read,
    Several,
}

/// <summary>
/// An answer as read, with what the owner's words said about it: an approximate amount ("sekitar 200 juta"),
/// or one given per month at a yearly question (<see cref="PerYear"/>: <see cref="Value"/> is already 12 times it),
/// a place read with a typo allowed or nothing at all read from a bare "tidak" (<see cref="Guessed"/>: both are said
/// back before they are stored), or the regency or city a province was found by.
/// </summary>
internal readonly record struct InputReading(DialogValue Value, bool Approximate = false, bool PerYear = false, bool Guessed = false, string? Place = null);

/// <summary>Turns what an owner typed or tapped into a checked answer for an ask step.</summary>
internal static class InputReader
{
    public const int DefaultMaxTextLength = 500;

    /// <summary>Reads a typed answer with what the owner's words say about it (approximate, per month, which choices fit).</summary>
    /// <param name="language">The owner's language: "480m" is 480 million in English, 480 billion (miliar) in Indonesian.</param>
    /// <param name="candidates">Filled with the options a word fits when it fits several; may be null otherwise.</param>
    public static ReadResult Read(AskStep step, IReadOnlyList<ChoiceOption> options, string text, string language, out InputReading reading, List<ChoiceOption>? candidates = null)
    {
        var input = step.Input;
        reading = default;
        switch (input.Kind)
        {
            case InputKind.Money:
                return ReadMoney(input, text, language, out reading);

            case InputKind.Integer when !NumberParser.TryParseInteger(text, out _):
                // Not a plain number: "2 orang", "dua", "tidak ada", "sendiri" (what that counts as is the question's).
                if (!CountParser.TryRead(text, out var count)
                    || (count.SelfOnly && input.SelfCountsAs is null))
                {
                    return ReadResult.Refused;
                }

                var people = count.SelfOnly ? input.SelfCountsAs!.Value : count.Count;
                if (!InRange(input, people))
                {
                    return ReadResult.Refused;
                }

                reading = new InputReading(DialogValue.FromNumber(people), count.Approximate);
                return ReadResult.Read;

            case InputKind.Choice:
                if (TryChoose(options, text, out var chosen))
                {
                    reading = new InputReading(chosen);
                    return ReadResult.Read;
                }

                // Beyond exact words: a word of a label or a synonym, or one typo; several fits are asked about.
                var match = ChoiceMatcher.Match(text, options);
                if (match.IsOne)
                {
                    reading = new InputReading(DialogValue.FromText(options[match.Index].Value));
                    return ReadResult.Read;
                }

                if (match.IsSeveral && candidates is not null)
                {
                    foreach (var index in match.Indices)
                    {
                        candidates.Add(options[index]);
                    }

                    return ReadResult.Several;
                }

                return ReadResult.Refused;

            case InputKind.Province:
                // An island or a name several provinces share ("jawa", "sulawesi") is asked about, naming them.
                var place = Places.Find(text);
                if (place.IsOne)
                {
                    reading = new InputReading(DialogValue.FromText(place.Province.Name), Guessed: place.Guessed, Place: place.Place);
                    return ReadResult.Read;
                }

                if (place.IsSeveral && candidates is not null)
                {
                    foreach (var province in place.Provinces)
                    {
                        candidates.Add(new ChoiceOption(province.Name, LocalizedText.Of(province.Name, province.Name), default));
                    }

                    return ReadResult.Several;
                }

                return ReadResult.Refused;

            default:
                if (TryRead(step, options, text, out var value))
                {
                    reading = new InputReading(value);
                    return ReadResult.Read;
                }

                return ReadResult.Refused;
        }
    }

    /// <summary>
    /// An amount; given per day, week or month at a yearly question (<c>per: year</c>) it is made a year's and
    /// flagged, so the engine says the conversion back before storing it. A question without a period takes
    /// the amount as given.
    /// </summary>
    private static ReadResult ReadMoney(InputSpec input, string text, string language, out InputReading reading)
    {
        reading = default;
        if (!MoneyParser.TryRead(text, language, out var money))
        {
            return ReadResult.Refused;
        }

        decimal rupiah = money.Rupiah;
        var perYear = false;
        if (input.Per == AmountPeriod.Year && money.Period is MoneyPeriod.Day or MoneyPeriod.Week or MoneyPeriod.Month)
        {
            rupiah *= money.Period switch
            {
                MoneyPeriod.Day => 365,
                MoneyPeriod.Week => 52,
                _ => 12,
            };
            perYear = true;
        }

        if (rupiah > long.MaxValue || !InRange(input, rupiah))
        {
            return ReadResult.Refused;
        }

        reading = new InputReading(DialogValue.FromMoney((long)rupiah), money.Approximate, perYear, Guessed: money.Unsure);
        return ReadResult.Read;
    }

    /// <param name="options">The choices on offer: the step's own, or those its run-time list gave.</param>
    public static bool TryRead(AskStep step, IReadOnlyList<ChoiceOption> options, string text, out DialogValue value)
    {
        var input = step.Input;
        value = DialogValue.None;
        switch (input.Kind)
        {
            case InputKind.Text:
                var length = text.Length;
                if (length < (input.Min ?? 1) || length > (input.Max ?? DefaultMaxTextLength))
                {
                    return false;
                }

                value = DialogValue.FromText(text);
                return true;

            case InputKind.Integer:
                if (!NumberParser.TryParseInteger(text, out var integer) || !InRange(input, integer))
                {
                    return false;
                }

                value = DialogValue.FromNumber(integer);
                return true;

            case InputKind.Number:
                if (!NumberParser.TryParseDecimal(text, out var number) || !InRange(input, number))
                {
                    return false;
                }

                value = DialogValue.FromNumber(number);
                return true;

            case InputKind.Money:
                if (!MoneyParser.TryParse(text, out var rupiah) || !InRange(input, rupiah))
                {
                    return false;
                }

                value = DialogValue.FromMoney(rupiah);
                return true;

            case InputKind.YesNo:
                if (text is "1" or "2")
                {
                    value = DialogValue.FromBool(text == "1"); // the order the buttons are shown in
                    return true;
                }

                if (!YesNoParser.TryParse(text, out var yes))
                {
                    return false;
                }

                value = DialogValue.FromBool(yes);
                return true;

            case InputKind.Choice:
                return TryChoose(options, text, out value);

            case InputKind.Date:
                if (!DateParser.TryParse(text, out var date))
                {
                    return false;
                }

                value = DialogValue.FromDate(date);
                return true;

            case InputKind.Nik or InputKind.Phone or InputKind.Province:
                return TryReadOfficial(input.Kind, text, out value);

            default:
                return false;
        }
    }

    /// <summary>
    /// NIK, phone and province: read the same way wherever they come from (an owner's message, or a profile
    /// preset in a conversation test), normalised to the form that is stored (16 digits, +62..., the name).
    /// </summary>
    public static bool TryReadOfficial(InputKind kind, string text, out DialogValue value)
    {
        value = DialogValue.None;
        switch (kind)
        {
            case InputKind.Nik when NikParser.TryParse(text, out var nik, out _):
                value = DialogValue.FromText(nik);
                return true;
            case InputKind.Phone when PhoneParser.TryParse(text, out var phone):
                value = DialogValue.FromText(phone);
                return true;
            case InputKind.Province when Places.Find(text) is { IsOne: true } place:
                value = DialogValue.FromText(place.Province.Name);
                return true;
            default:
                return false;
        }
    }

    public static bool TryReadButton(AskStep step, IReadOnlyList<ChoiceOption> options, ReadOnlySpan<char> data, out DialogValue value)
    {
        value = DialogValue.None;
        switch (step.Input.Kind)
        {
            case InputKind.YesNo when data.SequenceEqual(CompiledStep.YesValue) || data.SequenceEqual(CompiledStep.NoValue):
                value = DialogValue.FromBool(data.SequenceEqual(CompiledStep.YesValue));
                return true;

            case InputKind.Choice:
                // By index: a foreach over the interface would box its enumerator on every tap.
                for (var i = 0; i < options.Count; i++)
                {
                    if (data.SequenceEqual(options[i].Value))
                    {
                        value = DialogValue.FromText(options[i].Value);
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    private static bool TryChoose(IReadOnlyList<ChoiceOption> options, string text, out DialogValue value)
    {
        if (int.TryParse(text, out var number) && number >= 1 && number <= options.Count)
        {
            value = DialogValue.FromText(options[number - 1].Value);
            return true;
        }

        foreach (var option in options)
        {
            if (string.Equals(option.Value, text, StringComparison.OrdinalIgnoreCase))
            {
                value = DialogValue.FromText(option.Value);
                return true;
            }

            foreach (var label in option.Short is { } shortLabel ? option.Label.ByLanguage.Values.Concat(shortLabel.ByLanguage.Values) : option.Label.ByLanguage.Values)
            {
                if (string.Equals(label.Source, text, StringComparison.OrdinalIgnoreCase))
                {
                    value = DialogValue.FromText(option.Value);
                    return true;
                }
            }

            foreach (var synonym in option.Synonyms)
            {
                if (string.Equals(synonym, text, StringComparison.OrdinalIgnoreCase))
                {
                    // A synonym two options share ("warung": food or trade) is no choice: the matcher asks which.
                    value = SharedSynonym(options, option, text) ? DialogValue.None : DialogValue.FromText(option.Value);
                    return value.IsSet;
                }
            }
        }

        value = DialogValue.None;
        return false;
    }

    private static bool SharedSynonym(IReadOnlyList<ChoiceOption> options, ChoiceOption found, string text)
    {
        foreach (var other in options)
        {
            if (!ReferenceEquals(other, found) && other.Synonyms.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRange(InputSpec input, decimal number) =>
        (input.Min is not { } min || number >= min) && (input.Max is not { } max || number <= max);
}
