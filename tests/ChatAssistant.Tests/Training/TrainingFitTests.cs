using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Training;

/// <summary>
/// Issue 13: training that fits the owner. The shipped dialog over the shipped (sample) catalogue, on the writer:
/// sector, province and scale come before the list; a craft owner never sees the food-only Bimtek and cannot
/// register for it, not by typing a number, not by a link, not by calling the action directly.
/// </summary>
public sealed class TrainingFitTests : IDisposable
{
    private const string FoodOnlyBimtek = "bimtek-kemasan-bdi-denpasar-2027-01";

    private static readonly TrainingCatalog Shipped = TrainingCatalog.Load(
        Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "training-programs.yaml"));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("id", "ya", "Kerajinan", "Hanya untuk bidang makanan & minuman", "daftar s.d.", "Katalog contoh")]
    [InlineData("en", "yes", "Crafts", "only for food & drink", "register by", "Sample catalogue")]
    public async Task A_craft_owner_in_Bali_is_asked_first_and_never_offered_the_food_only_Bimtek(
        string language, string yes, string craft, string whyNot, string deadline, string sample)
    {
        await using var fixture = await WriterFixture.StartAsync(_folder.DatabasePath, TrainingHost.Dialog("training-registration.yaml"), TrainingHost.Parts(Shipped));
        if (language == "en")
        {
            await fixture.SendAsync("made", "/language en");
        }

        var sector = await fixture.SendAsync("made", "/pelatihan");
        Assert.DoesNotContain("Bimtek", sector.Reply!.Text, StringComparison.Ordinal);
        await fixture.SendAsync("made", yes);
        await fixture.SendAsync("made", craft);
        await fixture.SendAsync("made", "Bali");
        var list = await fixture.SendAsync("made", "1");     // micro

        var text = list.Reply!.Text;
        Assert.Contains("e-Smart IKM", text, StringComparison.Ordinal);
        Assert.Contains(deadline, text, StringComparison.Ordinal);
        Assert.Contains("Zoom", text, StringComparison.Ordinal);
        Assert.Contains(sample, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kemasan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Packaging", text, StringComparison.Ordinal);
        Assert.DoesNotContain(list.Reply.Buttons, b => b.Label.Contains("Kemasan", StringComparison.Ordinal) || b.Label.Contains("Packaging", StringComparison.Ordinal));

        // The programme not meant for them is shown on request, with why not.
        var others = await fixture.SendAsync("made", language == "en" ? "What is this?" : "Apa ini?");
        Assert.Contains(whyNot, others.Reply!.Text, StringComparison.OrdinalIgnoreCase);

        // Typing the number the food-only Bimtek would have had in an unfiltered list does not register for it.
        var typed = await fixture.SendAsync("made", "3");
        Assert.Equal("program", Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations WHERE status = 0"));
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM training_registrations"));
        Assert.NotNull(typed.Reply);
    }

    [Fact]
    public async Task Registering_a_craft_owner_for_the_food_only_Bimtek_is_refused_by_the_action_itself()
    {
        await using var fixture = await WriterFixture.StartAsync(_folder.DatabasePath);
        await fixture.SendAsync("made", "halo");
        var ownerId = Sql.Count(_folder.DatabasePath, "SELECT id FROM users WHERE chat_id = 'made'");

        var result = await fixture.RunAsync((store, now) =>
        {
            var actions = new TrainingActions(store.Training(), store.Outbox, Shipped, new TrainingClock(Options.Create(new TrainingOptions())), NullLogger<TrainingActions>.Instance);
            var session = new UserSession("id") { OwnerId = ownerId };
            session.Profile["sector"] = DialogValue.FromText("craft");
            session.Profile["province"] = DialogValue.FromText("Bali");
            session.Profile["scale"] = DialogValue.FromText("micro");
            var conversation = new ConversationState("training-registration", 2, "register", now);
            conversation.SetAnswer("program", DialogValue.FromText(FoodOnlyBimtek));
            conversation.SetAnswer("nik", DialogValue.FromText(TrainingHost.Nik(1)));
            return actions.Run(TrainingActions.Register, session, conversation, now);
        });

        Assert.Equal("not_fit", result["registration_status"].Text);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM training_registrations"));
    }

    [Fact]
    public void An_owner_whose_profile_is_unknown_is_offered_only_programmes_open_to_everyone()
    {
        var program = Shipped.Find(FoodOnlyBimtek)!;

        Assert.False(program.Fits(null, null, null));
        Assert.Equal("sector", program.FitProblem("craft", "Bali", "micro"));
        Assert.True(program.Fits("food", "Bali", "micro"));
        Assert.True(Shipped.Find("produktivitas-5s-2027-02")!.Fits(null, null, null));
        Assert.True(Shipped.IsSample);
    }
}
