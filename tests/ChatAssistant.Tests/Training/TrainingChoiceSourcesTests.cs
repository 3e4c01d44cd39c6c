using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Training;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Training;

public sealed class TrainingChoiceSourcesTests
{
    private static readonly TrainingCatalog Catalog = TrainingCatalog.Load(
        Path.Combine(Support.AssistantProcess.RepositoryRoot(), "dialogs", "data", "training-programs.yaml"));

    [Fact]
    public void An_owner_whose_profile_is_unknown_sees_only_the_programmes_open_to_everyone()
    {
        var options = Open(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)), new UserSession("id"));

        Assert.Equal(["produktivitas-5s-2027-02"], options);
    }

    [Fact]
    public void A_programme_whose_deadline_has_passed_is_not_offered()
    {
        // bimtek-batik closed on 20 November; e-Smart IKM closes on 4 December (WIB).
        var owner = new UserSession("id");
        owner.Profile["sector"] = DialogValue.FromText("craft");
        owner.Profile["province"] = DialogValue.FromText("Jawa Tengah");
        owner.Profile["scale"] = DialogValue.FromText("micro");
        var options = Open(new DateTimeOffset(2026, 12, 4, 23, 30, 0, TimeSpan.FromHours(7)), owner);
        var after = Open(new DateTimeOffset(2026, 12, 5, 0, 30, 0, TimeSpan.FromHours(7)), owner);

        Assert.DoesNotContain("bimtek-batik-2026-11", options);
        Assert.Contains("esmart-ikm-2026-12", options);
        Assert.DoesNotContain("esmart-ikm-2026-12", after);
    }

    [Fact]
    public void Programmes_are_filtered_by_the_owners_sector_province_and_scale()
    {
        var session = new UserSession("id");
        session.Profile["sector"] = DialogValue.FromText("food");
        session.Profile["province"] = DialogValue.FromText("Jawa Timur");
        session.Profile["scale"] = DialogValue.FromText("micro");

        var options = Open(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)), session);

        // Packaging is for Bali/NTB/NTT; export coaching for small and medium businesses.
        Assert.Equal(["esmart-ikm-2026-12", "produktivitas-5s-2027-02"], options);
    }

    [Fact]
    public void A_catalogue_with_mistakes_is_refused_with_every_problem_and_its_line()
    {
        var error = Assert.Throws<TrainingCatalogException>(() => TrainingCatalog.Parse("bad.yaml", """
            programs:
              - id: a
                title: { id: A }
                organiser: X
                mode: boat
                location: Y
                start: 2026-12-10
                end: 2026-12-01
                capacity: 0
                deadline: 2026-12-01
                description: { id: a, en: a }
            """));

        Assert.Contains("bad.yaml:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("online, offline or hybrid", error.Message, StringComparison.Ordinal);
        Assert.Contains("capacity", error.Message, StringComparison.Ordinal);
        Assert.Contains("ends before it starts", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Open(DateTimeOffset now, UserSession session)
    {
        var sources = new TrainingChoiceSources(Catalog, new TrainingClock(Options.Create(new TrainingOptions())), new FakeTimeProvider(now),
            () => throw new InvalidOperationException("no store in this test"));
        return sources.Options(TrainingChoiceSources.Programs, session).Select(o => o.Value).ToList();
    }
}
