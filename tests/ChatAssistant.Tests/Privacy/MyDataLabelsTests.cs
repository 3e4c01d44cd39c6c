using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Privacy;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;
using ChatAssistant.Tests.Training;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Privacy;

/// <summary>
/// /datasaya names what is stored in the owner's language (issue 13, tone), through the shipped training registration
/// and privacy dialogs on the real writer: labels, never the codes the database keeps.
/// </summary>
public sealed class MyDataLabelsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("id", "ya", "benar", "/datasaya",
        new[] { "Bidang usaha: makanan & minuman", "Skala usaha: mikro", "Daftar pelatihan (", "hasil: terdaftar", "Status: dapat kursi", "Pelatihan: Bimtek Pemasaran Digital", "Profil Bapak/Ibu:" })]
    [InlineData("en", "yes", "correct", "/mydata",
        new[] { "Sector: food & drink", "Business scale: micro", "Register for a training (", "result: registered", "Status: seat confirmed", "Training: Digital Marketing Guidance", "Your profile:" })]
    public async Task My_data_shows_labels_in_the_owners_language_not_the_stored_codes(string language, string yes, string correct, string command, string[] labels)
    {
        await using var fixture = await StartAsync();
        if (language == "en")
        {
            await fixture.SendAsync("sari", "/language en");
        }

        string[] turns = ["/pelatihan", yes, "1", "Jawa Timur", "1", "1", "Sari Wulandari", "Keripik Sari", TrainingHost.Nik(1), "0812-3456-7890"];
        foreach (var text in turns)
        {
            await fixture.SendAsync("sari", text);
        }

        var registered = await fixture.SendAsync("sari", correct);
        Assert.Equal(1, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM training_registrations WHERE status = 'seat'"));
        Assert.NotNull(registered.Reply);

        // What the database keeps are codes: the test would not show anything if they were labels already.
        Assert.Contains("food", Sql.Text(_folder.DatabasePath, "SELECT value FROM profile_values WHERE key = 'sector'"), StringComparison.Ordinal);

        var shown = (await fixture.SendAsync("sari", command)).Reply!.Text;

        Assert.All(labels, label => Assert.Contains(label, shown, StringComparison.Ordinal));
        Assert.All(["training-registration", "privacy-my-data", "bimtek-digital", "Anda"], code => Assert.DoesNotContain(code, shown, StringComparison.Ordinal));
        Assert.DoesNotMatch(": food(?! & drink)", shown);
        Assert.DoesNotMatch(language == "id" ? ": micro" : ": mikro", shown);   // in English the label is the code's word
        Assert.DoesNotMatch(@"[Ss]tatus: seat(?! confirmed)", shown);
        Assert.DoesNotMatch(language == "id" ? "hasil: registered" : "result: terdaftar", shown);
    }

    private Task<WriterFixture> StartAsync()
    {
        var folder = Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs");
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        var clock = new TrainingClock(Options.Create(new TrainingOptions()));
        var host = new HostParts(
            Choices: (store, time) => new TrainingChoiceSources(catalog, clock, time, store.Training),
            Actions: (store, _) => new DialogActions([
                new TrainingActions(store.Training(), store.Outbox, catalog, clock, NullLogger<TrainingActions>.Instance),
                new PrivacyActions(store.Privacy(), store.Broadcasts(), NullLogger<PrivacyActions>.Instance, training: catalog),
            ]));
        DialogSource[] dialogs =
        [
            new("training-registration.yaml", File.ReadAllText(Path.Combine(folder, "training-registration.yaml"))),
            new("privacy-my-data.yaml", File.ReadAllText(Path.Combine(folder, "privacy-my-data.yaml"))),
        ];
        return WriterFixture.StartAsync(_folder.DatabasePath, dialogs, host);
    }
}
