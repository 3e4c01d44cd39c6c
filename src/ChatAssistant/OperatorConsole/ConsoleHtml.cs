using System.Text;
using System.Text.Encodings.Web;
using ChatAssistant.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The console's pages, rendered on the server as plain HTML (no script, no build step): every value goes through
/// <see cref="HtmlEncoder"/>, every form carries the anti-forgery token.
/// </summary>
internal static class ConsoleHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string E(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>A whole page: readable on a phone, the operator's name and sign-out when signed in.</summary>
    public static IResult Page(string title, string body, ConsoleOperator? signedIn = null, AntiforgeryTokenSet? tokens = null, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" - Konsol operator</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.4}")
            .Append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}")
            .Append("nav{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin-bottom:1rem}button{padding:.5rem 1rem;font-size:1rem}</style>")
            .Append("</head><body>");
        if (signedIn is not null && tokens is not null)
        {
            html.Append("<nav><a href=\"").Append(ConsolePaths.Root).Append("\">Beranda</a>")
                .Append("<a href=\"").Append(ConsolePaths.Audit).Append("\">Log audit</a>")
                .Append("<span>").Append(E(signedIn.Id)).Append("</span>")
                .Append(Form(ConsolePaths.SignOut, tokens, "<button type=\"submit\">Keluar (sign out)</button>"))
                .Append("</nav>");
        }

        html.Append("<main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A POST form to <paramref name="action"/> with the anti-forgery token and <paramref name="inner"/> (already HTML).</summary>
    public static string Form(string action, AntiforgeryTokenSet tokens, string inner) =>
        "<form method=\"post\" action=\"" + E(action) + "\"><input type=\"hidden\" name=\"" + E(tokens.FormFieldName)
        + "\" value=\"" + E(tokens.RequestToken) + "\">" + inner + "</form>";

    public static IResult NotFound() =>
        Page("Tidak ditemukan", "<p>Halaman ini tidak ada. (Not found.)</p>", status: StatusCodes.Status404NotFound);

    public static string AuditTable(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return "<p>Belum ada tindakan operator yang tercatat. (No operator actions yet.)</p>";
        }

        var html = new StringBuilder("<table><thead><tr><th>Waktu (WIB)</th><th>Operator</th><th>Tindakan</th><th>Rincian</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            html.Append("<tr><td>").Append(E(Wib.Format(entry.At)))
                .Append("</td><td>").Append(E(entry.Operator))
                .Append("</td><td>").Append(E(entry.Action))
                .Append("</td><td>").Append(E(entry.Detail))
                .Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
