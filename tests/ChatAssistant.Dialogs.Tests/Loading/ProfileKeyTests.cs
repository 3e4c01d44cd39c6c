using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>Profile keys are shared by every dialog, so a condition on one is checked against what all the files save.</summary>
public class ProfileKeyTests
{
    private const string Saves = """
        id: profile
        version: 1
        languages: [id]
        title: Profil
        commands: [/profil]
        start: sector
        steps:
          sector:
            ask: "Bidang usaha?"
            options: [ { value: food, id: Makanan }, { value: craft, id: Kerajinan } ]
            save: profile.sector
          done:
            end: Selesai
        """;

    private static string Reads(string key) => $$"""
        id: reads
        version: 1
        languages: [id]
        title: Baca
        commands: [/baca]
        start: check
        steps:
          check:
            say: Halo
            next:
              - when: { eq: [{{key}}, food] }
                goto: food
              - goto: other
          food:
            end: Makanan
          other:
            end: Lain
        """;

    [Fact]
    public void A_condition_on_a_profile_key_no_dialog_saves_is_flagged_with_did_you_mean()
    {
        var result = DialogLoader.Load([new DialogSource("profile.yaml", Saves), new DialogSource("reads.yaml", Reads("profile.sectr"))], channels: HostChannels.Limits);

        Assert.Equal(
            ["reads.yaml:11:22: warning unknown-answer: no dialog saves 'profile.sectr', so this is never set (did you mean 'profile.sector'?)"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void A_profile_key_another_file_saves_is_fine()
    {
        var result = DialogLoader.Load([new DialogSource("profile.yaml", Saves), new DialogSource("reads.yaml", Reads("profile.sector"))], channels: HostChannels.Limits);

        Assert.Empty(result.Diagnostics);
    }
}
