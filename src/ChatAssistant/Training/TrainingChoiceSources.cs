using ChatAssistant.DialogFolder;
using ChatAssistant.Dialogs;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Storage;

namespace ChatAssistant.Training;

/// <summary>
/// The run-time lists of the training dialogs: <c>training_programs</c>, the programmes open now that fit the
/// owner's profile (sector, province, scale when known), and <c>my_registrations</c>, the owner's active
/// registrations (for cancelling), and <c>ratable_registrations</c>, the owner's seats of trainings that have ended
/// and that they have not rated yet, newest first (for the rating dialog). Called by the engine on the writer thread, so reading the store is safe.
/// </summary>
internal sealed class TrainingChoiceSources(TrainingCatalog catalog, TrainingClock clock, TimeProvider time, Func<TrainingStore> store) : IChoiceSources
{
    public const string Programs = "training_programs";
    public const string MyRegistrations = "my_registrations";
    public const string Ratable = "ratable_registrations";

    private static readonly SourcePosition Host = new("training", 0, 0);

    public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { Programs, MyRegistrations, Ratable };

    public IReadOnlyList<ChoiceOption> Options(string source, UserSession session) => source switch
    {
        Programs => OpenPrograms(session),
        MyRegistrations => ActiveRegistrations(session),
        Ratable => RatableRegistrations(session),
        _ => [],
    };

    /// <summary>The programmes open today that fit the owner, soonest deadline first.</summary>
    public IReadOnlyList<ChoiceOption> OpenPrograms(UserSession session)
    {
        var today = clock.Today(time.GetUtcNow());
        var sector = ProfileText(session, "sector");
        var province = ProfileText(session, "province");
        var scale = ProfileText(session, "scale");
        return catalog.Open(today)
            .Where(p => p.Fits(sector, province, scale))
            .Select(p => new ChoiceOption(p.Id, p.Title, Host))
            .ToList();
    }

    private List<ChoiceOption> ActiveRegistrations(UserSession session)
    {
        if (session.OwnerId == 0)
        {
            return [];
        }

        return store().RegistrationsOf(session.OwnerId)
            .Where(r => r.Status != RegistrationStatus.Cancelled)
            .Select(r => new ChoiceOption(r.Code, Label(r), Host))
            .ToList();
    }

    private List<ChoiceOption> RatableRegistrations(UserSession session)
    {
        if (session.OwnerId == 0)
        {
            return [];
        }

        var today = clock.Today(time.GetUtcNow());
        return store().UnratedSeatsOf(session.OwnerId)
            .Where(r => catalog.Find(r.ProgramId) is { } program && program.End < today)
            .Select(r => new ChoiceOption(r.Code, Label(r), Host))
            .ToList();
    }

    private LocalizedText Label(Registration registration)
    {
        var program = catalog.Find(registration.ProgramId);
        var id = program?.Title.Plain(Languages.Indonesian) ?? registration.ProgramId;
        var en = program?.Title.Plain(Languages.English) ?? registration.ProgramId;
        return LocalizedText.Of($"{registration.Code} · {id}", $"{registration.Code} · {en}");
    }

    private static string? ProfileText(UserSession session, string key) =>
        session.Profile.TryGetValue(key, out var value) && value.Text is { Length: > 0 } text ? text : null;
}
