using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// A form sent without its anti-forgery token (or with an old one) changes nothing, as Razor Pages ensure; this says
/// so in words an operator can act on instead of an empty 400.
/// </summary>
internal sealed class AntiforgeryRefusal : IAlwaysRunResultFilter
{
    private const string Html =
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>Permintaan ditolak - Konsol operator</title></head><body><main><h1>Permintaan ditolak</h1>"
        + "<p>Formulir ini kedaluwarsa atau tidak lengkap, jadi tidak ada yang diubah. Muat ulang halaman lalu coba lagi; "
        + "untuk masuk, minta tautan baru dengan /masuk. (The form was out of date; nothing was changed. Reload and try again.)</p>"
        + "<p><a href=\"" + ConsolePaths.Root + "\">Kembali ke konsol</a></p></main></body></html>";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new ContentResult { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/html; charset=utf-8", Content = Html };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
