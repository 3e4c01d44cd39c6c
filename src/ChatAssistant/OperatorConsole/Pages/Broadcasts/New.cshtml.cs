using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages.Broadcasts;

/// <summary>
/// Composing a broadcast: the texts in both languages, an optional button, the segment's filters with the live count
/// (htmx posts the form to <see cref="OnPostCount"/> as the operator types), the preview per channel and language, the
/// time in WIB, and creating it (audited with it). Nothing changes before "Buat siaran".
/// </summary>
internal sealed class NewModel(BroadcastConsole broadcasts) : ConsolePageModel
{
    [BindProperty]
    public ComposeInput Input { get; set; } = new();

    public RecipientEstimate Estimate { get; private set; } = null!;

    public IReadOnlyList<AnnouncementPreview> Previews { get; private set; } = [];

    public IReadOnlyList<Said> Problems { get; private set; } = [];

    public void OnGet() => Estimate = broadcasts.Estimate([]);

    /// <summary>The recipient count alone, for htmx to put in place while the operator edits the filters.</summary>
    public PartialViewResult OnPostCount() => Partial("_RecipientCount", broadcasts.Estimate(Input.ToForm().GivenFilters));

    /// <summary>The page again with the preview of what owners would get on each channel, and the count.</summary>
    public IActionResult OnPostPreview()
    {
        var form = Input.ToForm();
        var reading = broadcasts.Read(form);
        Problems = reading.Problems;
        Estimate = broadcasts.Estimate(form.GivenFilters);
        Previews = reading.TextIndonesian.Length == 0 ? [] : broadcasts.Preview(reading.TextIndonesian, reading.TextEnglish, reading.Button);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var form = Input.ToForm();
        var outcome = await broadcasts.CreateAsync(form, Operator, HttpContext.RequestAborted).ConfigureAwait(false);
        if (outcome.Id is { } id)
        {
            return Redirect(ConsolePaths.Broadcasts + "/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Problems = outcome.Problems;
        Estimate = broadcasts.Estimate(form.GivenFilters);
        return Page();
    }
}

/// <summary>The compose form's fields as posted (<c>Input.TextIndonesian</c>, <c>Input.Filters[province]</c>...).</summary>
internal sealed class ComposeInput
{
    public string? TextIndonesian { get; set; }

    public string? TextEnglish { get; set; }

    public string? ButtonLabel { get; set; }

    public string? ButtonCommand { get; set; }

    /// <summary>A datetime-local field's value, read as WIB.</summary>
    public string? SendAt { get; set; }

    public bool AllowEmpty { get; set; }

    public Dictionary<string, string?> Filters { get; set; } = new(StringComparer.Ordinal);

    public string Filter(string name) => Filters.GetValueOrDefault(name) ?? string.Empty;

    public ComposeForm ToForm() => new(
        TextIndonesian ?? string.Empty,
        TextEnglish,
        ButtonLabel,
        ButtonCommand,
        Filters.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal),
        SendAt,
        AllowEmpty);
}
