using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.OperatorConsole.Registrations;
using ChatAssistant.Storage;
using ChatAssistant.Training;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages.Registrations;

/// <summary>
/// One programme's registrations: its counts, the table with a search (NIK and phone masked: this page is for finding
/// people, not for reading their numbers), and the CSV download of <c>registrations export</c>, with NIKs masked unless
/// the operator ticks the box and writes why. Every download is one audit row with the programme, rows and reason.
/// </summary>
internal sealed class ProgrammeModel(IStorageProvider provider, TrainingCatalog catalog, TrainingClock clock, TimeProvider time, AuditLog audit) : ConsolePageModel
{
    public ProgrammeCount Programme { get; private set; } = null!;

    /// <summary>The rows shown: those matching the search, at most <see cref="RegistrationSearch.PageRows"/>.</summary>
    public IReadOnlyList<RegistrationRow> Rows { get; private set; } = [];

    public int Matching { get; private set; }

    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public bool FullNik { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Why the download asked for was refused (shown above the form), or null.</summary>
    public string? Problem { get; private set; }

    public IActionResult OnGet(string id) => Load(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!Load(id))
        {
            return NotFound();
        }

        Problem = RegistrationDownload.Problem(FullNik, Reason);
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        IReadOnlyList<RegistrationRow> rows;
        using (var connection = provider.Open())
        {
            rows = RegistrationReads.Rows(connection, id, FullNik);
        }

        // Audited before the file leaves: a download nobody can account for never happens.
        await audit.WriteAsync(Operator, AuditLog.Actions.ExportDownloaded, RegistrationDownload.AuditDetail(id, rows.Count, FullNik, Reason), cancellationToken).ConfigureAwait(false);
        return File(RegistrationDownload.Csv(rows), "text/csv; charset=utf-8", RegistrationDownload.FileName(id, time.GetUtcNow()));
    }

    /// <summary>"+62812****7890": the table shows who, not their numbers.</summary>
    public static string Masked(string? value) => value is null ? string.Empty : PersonalData.Mask(value);

    public static string Status(string status) => status switch
    {
        RegistrationStatuses.Seat => "kursi (seat)",
        RegistrationStatuses.Waitlist => "daftar tunggu (waiting list)",
        _ => "batal (cancelled)",
    };

    private bool Load(string id)
    {
        if (catalog.Find(id) is null)
        {
            return false;
        }

        using var connection = provider.Open();
        Programme = RegistrationReads.Programmes(connection, catalog, clock.Today(time.GetUtcNow())).Single(p => p.Program.Id == id);
        var all = RegistrationReads.Rows(connection, id, includeNik: false);
        var matching = RegistrationSearch.Filter(all, Query);
        Total = all.Count;
        Matching = matching.Count;
        Rows = [.. matching.Take(RegistrationSearch.PageRows)];
        return true;
    }
}
