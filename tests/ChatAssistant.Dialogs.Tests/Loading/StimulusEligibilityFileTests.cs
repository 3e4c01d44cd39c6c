using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

public class StimulusEligibilityFileTests
{
    internal const string RelativePath = "dialogs/stimulus-eligibility.yaml";

    internal static DialogLoadResult Load() =>
        DialogLoader.Load([new DialogSource(RelativePath, File.ReadAllText(RepositoryFiles.Path("dialogs", "stimulus-eligibility.yaml")))]);

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

        Assert.Equal(["bpum_eligible", "bpum_not_eligible", "no_consent"], outcomes);
    }

    [Fact]
    public void Names_the_source_of_every_threshold_and_amount_beside_it()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Path("dialogs", "stimulus-eligibility.yaml"));

        foreach (var threshold in new[] { "2 miliar", "15 miliar", "50 miliar" })
        {
            Assert.Contains(lines, l => l.Contains(threshold, StringComparison.Ordinal) && l.Contains("# ", StringComparison.Ordinal) && l.Contains("PP No. 7/2021", StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.Contains("value: 1,2 juta", StringComparison.Ordinal) && l.Contains("BPUM 2021", StringComparison.Ordinal) && l.Contains("Permenkop UKM No. 2/2021", StringComparison.Ordinal));
    }
}
