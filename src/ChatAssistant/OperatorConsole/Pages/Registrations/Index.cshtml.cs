using ChatAssistant.OperatorConsole.Registrations;
using ChatAssistant.Storage;
using ChatAssistant.Training;

namespace ChatAssistant.OperatorConsole.Pages.Registrations;

/// <summary>Every programme of the training catalogue with its seats, seats taken, waiting list and cancellations.</summary>
internal sealed class IndexModel(IStorageProvider provider, TrainingCatalog catalog, TrainingClock clock, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<ProgrammeCount> Programmes { get; private set; } = [];

    /// <summary>The catalogue is still the sample shipped with the assistant.</summary>
    public bool Sample => catalog.IsSample;

    public void OnGet()
    {
        using var connection = provider.Open();
        Programmes = RegistrationReads.Programmes(connection, catalog, clock.Today(time.GetUtcNow()));
    }
}
