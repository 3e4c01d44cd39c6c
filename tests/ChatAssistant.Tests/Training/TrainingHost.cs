using ChatAssistant.Conversations;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Tests.Training;

/// <summary>The training parts of the host, on a writer fixture's store and clock, with a catalogue of the test's own.</summary>
internal static class TrainingHost
{
    public const string OneProgramme = """
        programs:
          - id: bimtek-digital
            title: { id: Bimtek Pemasaran Digital, en: Digital Marketing Guidance }
            organiser: Balai Diklat Industri Surabaya
            mode: offline
            location: Surabaya
            start: 2026-12-14
            end: 2026-12-18
            capacity: 5
            deadline: 2026-12-07
            description: { id: Lima hari praktik., en: Five hands-on days. }
        """;

    public static string Dialog(string file) =>
        File.ReadAllText(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", file));

    public static HostParts Parts(TrainingCatalog catalog)
    {
        var clock = new TrainingClock(Options.Create(new TrainingOptions()));
        return new HostParts(
            Choices: (store, time) => new TrainingChoiceSources(catalog, clock, time, store.Training),
            Actions: (store, _) => new DialogActions([new TrainingActions(store.Training(), store.Outbox, catalog, clock, NullLogger<TrainingActions>.Instance)]),
            MoreDialogs: [Dialog("training-cancel.yaml"), Dialog("registration-status.yaml")]);
    }

    /// <summary>A valid NIK per owner: East Java, a woman born 5 July 1990, serial <paramref name="serial"/>.</summary>
    public static string Nik(int serial) => $"357801450790{serial:D4}";
}
