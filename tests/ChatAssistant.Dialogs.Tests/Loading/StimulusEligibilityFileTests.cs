using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

public class StimulusEligibilityFileTests
{
    internal const string RelativePath = "dialogs/stimulus-eligibility.yaml";

    internal const string ProgrammesPath = "dialogs/data/programmes.yaml";

    /// <summary>The dialog with the programme rules it compares with and cites, as the host loads them.</summary>
    internal static DialogLoadResult Load() =>
        DialogLoader.Load([
            new DialogSource(RelativePath, File.ReadAllText(RepositoryFiles.Path("dialogs", "stimulus-eligibility.yaml"))),
            new DialogSource(ProgrammesPath, File.ReadAllText(RepositoryFiles.Path("dialogs", "data", "programmes.yaml"))),
        ], channels: HostChannels.Limits);

    [Fact]
    public void Loads_with_no_errors_and_no_warnings()
    {
        var result = Load();

        // The shared profile.sector question keeps the 7 values of training-registration.yaml, so WhatsApp shows
        // it as a list: the only warning allowed.
        Assert.DoesNotContain(result.Diagnostics.Select(d => d.ToString()), d => !d.Contains("channel-limit: step 'sector' has 7 options", StringComparison.Ordinal));
        Assert.Single(result.Catalog.Dialogs);
    }

    [Fact]
    public void Is_started_by_stimulus_and_comes_first_in_the_menu_in_both_languages()
    {
        var definition = Load().Catalog.Dialogs[0].Definition;

        Assert.Equal("stimulus-eligibility", definition.Id);
        Assert.Equal(["/stimulus"], definition.Commands);
        Assert.Equal(1, definition.MenuOrder);
        Assert.Equal([Languages.Indonesian, Languages.English], definition.Languages);
    }

    [Fact]
    public void Every_text_has_both_languages()
    {
        var definition = Load().Catalog.Dialogs[0].Definition;
        var texts = definition.Steps.SelectMany(step => step switch
        {
            SayStep say => [say.Text],
            AskStep ask => ask.Input.Reprompt is { } reprompt ? [ask.Question, reprompt] : [ask.Question],
            EndStep end => [end.Text],
            _ => Array.Empty<Texts.LocalizedText>(),
        }).Concat(definition.Labels.Values).Append(definition.Title);

        Assert.All(texts, text => Assert.Equal([Languages.English, Languages.Indonesian], text.ByLanguage.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Ends_with_the_outcomes_operators_segment_on()
    {
        var outcomes = Load().Catalog.Dialogs[0].Definition.Steps.OfType<EndStep>().Select(e => e.Outcome).Order(StringComparer.Ordinal);

        Assert.Equal(["criteria_met", "no_consent", "none_met"], outcomes);
    }

    [Fact]
    public void Compares_with_programme_rules_never_with_amounts_written_in_the_dialog()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Path("dialogs", "stimulus-eligibility.yaml"));

        // A threshold written in a condition has no source or review date: it lives in data/programmes.yaml.
        var comparisons = lines.Where(l => l.Contains("when:", StringComparison.Ordinal) && (l.Contains("{ lte:", StringComparison.Ordinal) || l.Contains("{ gt:", StringComparison.Ordinal) || l.Contains("{ gte:", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(comparisons);
        Assert.All(comparisons, l => Assert.Matches(@"programme\.|loan_need, 0\]", l));
        Assert.DoesNotContain(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"(when|value):.*\d\s*(juta|miliar)"));
    }
}
