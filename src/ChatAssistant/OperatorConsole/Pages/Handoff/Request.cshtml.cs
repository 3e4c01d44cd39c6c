using ChatAssistant.Handoff;
using ChatAssistant.OperatorConsole.Handoff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ChatAssistant.OperatorConsole.Pages.Handoff;

/// <summary>
/// One request: the owner's profile and recent transcript, and the operator's actions. Take (others then see who has
/// it), reply (through the owner's channel; on WhatsApp not once their 24-hour window has closed), hand back, close.
/// A done action comes back here by redirect (a reload sends nothing twice); a refused one says why, changing nothing.
/// </summary>
internal sealed class HandoffRequestModel(HandoffConsole handoff) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    /// <summary>What was just done, from the redirect after an action.</summary>
    [BindProperty(SupportsGet = true, Name = "hasil")]
    public string? Done { get; set; }

    /// <summary>The reply's text (the reply form only).</summary>
    [BindProperty]
    public string? Text { get; set; }

    public HandoffView View { get; private set; } = null!;

    public string? Error { get; private set; }

    public HandoffDetail Detail => View.Request;

    public bool IsMine => Detail.TakenBy == Operator.Id;

    public string? Message => Done switch
    {
        "diambil" => "Permintaan ini sekarang Anda tangani; operator lain melihatnya. (Taken.)",
        "terkirim" => "Balasan masuk antrean dan dikirim lewat saluran pemilik. (Reply queued to the owner's channel.)",
        "dikembalikan" => "Pemilik dikembalikan ke asisten, di pertanyaan terakhirnya. (Handed back.)",
        "ditutup" => "Permintaan ditutup; pemilik sudah diberi tahu. (Closed; the owner was told.)",
        _ => null,
    };

    public IActionResult OnGet() => Load() ? Page() : NotFound();

    public async Task<IActionResult> OnPostTakeAsync() =>
        Outcome(await handoff.TakeAsync(Id, Operator, HttpContext.RequestAborted).ConfigureAwait(false), "diambil");

    public async Task<IActionResult> OnPostReplyAsync()
    {
        var text = Text?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > HandoffConsole.MaxReply)
        {
            return Refused(StatusCodes.Status400BadRequest, text.Length == 0
                ? "Tulis balasan dulu. (Write a reply first.)"
                : $"Balasan terlalu panjang: paling banyak {HandoffConsole.MaxReply} karakter. (Too long.)");
        }

        return Outcome(await handoff.ReplyAsync(Id, Operator, text, HttpContext.RequestAborted).ConfigureAwait(false), "terkirim");
    }

    public async Task<IActionResult> OnPostHandBackAsync() =>
        Outcome(await handoff.HandBackAsync(Id, Operator, HttpContext.RequestAborted).ConfigureAwait(false), "dikembalikan");

    public async Task<IActionResult> OnPostCloseAsync() =>
        Outcome(await handoff.CloseAsync(Id, Operator, HttpContext.RequestAborted).ConfigureAwait(false), "ditutup");

    private bool Load()
    {
        if (handoff.View(Id) is not { } view)
        {
            return false;
        }

        View = view;
        return true;
    }

    private IActionResult Outcome(HandoffOutcome outcome, string done) => outcome.Result switch
    {
        HandoffResult.Done => Redirect($"{ConsolePaths.Handoff}/{Id}?hasil={done}"),
        HandoffResult.NotFound => NotFound(),
        HandoffResult.Closed => Refused(StatusCodes.Status409Conflict, "Permintaan ini sudah ditutup; tidak ada yang diubah. (Already closed.)"),
        HandoffResult.TakenByOther => Refused(StatusCodes.Status409Conflict, $"Permintaan ini ditangani oleh {outcome.TakenBy}; hanya dia yang bisa membalas, mengembalikan atau menutupnya. (Someone else has it.)"),
        HandoffResult.NotTaken => Refused(StatusCodes.Status409Conflict, "Ambil permintaan ini dulu sebelum membalas atau mengembalikannya. (Take it first.)"),
        HandoffResult.OutsideWindow => Refused(StatusCodes.Status409Conflict, "Jendela 24 jam WhatsApp pemilik ini sudah tutup: balasan tidak akan sampai sampai pemilik menulis lagi, jadi tidak dikirim. (Outside WhatsApp's 24-hour window; not sent.)"),
        _ => throw new InvalidOperationException("Unknown handoff result " + outcome.Result),
    };

    private IActionResult Refused(int status, string error)
    {
        if (!Load())
        {
            return NotFound();
        }

        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
