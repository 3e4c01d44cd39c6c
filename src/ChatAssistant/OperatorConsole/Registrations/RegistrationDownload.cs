using System.Globalization;
using System.Text;
using ChatAssistant.Shared;
using ChatAssistant.Training;

namespace ChatAssistant.OperatorConsole.Registrations;

/// <summary>
/// A programme's registrations downloaded from the console: the CSV of <c>registrations export</c>, with NIKs masked
/// unless the operator asks for them in full and writes why (UU PDP: a purpose for every use of personal data). Every
/// download is one audit row naming the programme, the rows, whether NIKs were in full, and the reason given.
/// </summary>
internal static class RegistrationDownload
{
    /// <summary>Shorter than this is not a reason anyone can be held to ("ok", "perlu").</summary>
    public const int MinimumReasonLength = 10;

    /// <summary>The reason is kept in the audit log, so it stays one short line.</summary>
    public const int MaximumReasonLength = 300;

    /// <summary>Why a download cannot go ahead as asked (Indonesian, then English), or null when it can.</summary>
    public static string? Problem(bool fullNik, string? reason)
    {
        if (!fullNik)
        {
            return null;
        }

        var length = (reason ?? string.Empty).Trim().Length;
        return length < MinimumReasonLength
            ? $"Tulis alasan mengunduh NIK lengkap (minimal {MinimumReasonLength} huruf), atau unduh dengan NIK disamarkan. "
              + $"(Write the reason you need full NIKs, at least {MinimumReasonLength} characters, or download them masked.)"
            : length > MaximumReasonLength
                ? $"Alasan terlalu panjang: paling banyak {MaximumReasonLength} huruf. (The reason is too long: at most {MaximumReasonLength} characters.)"
                : null;
    }

    /// <summary>The audit row's detail: "programme=bimtek-digital; rows=6; nik=full; reason=verifikasi data peserta".</summary>
    public static string AuditDetail(string programId, int rows, bool fullNik, string? reason) =>
        string.Create(CultureInfo.InvariantCulture, $"programme={programId}; rows={rows}; nik={(fullNik ? "full" : "masked")}")
        + (fullNik ? "; reason=" + OneLine(reason) : string.Empty);

    /// <summary>"pendaftaran-bimtek-digital-20261201-1000.csv": the programme and when, in WIB.</summary>
    public static string FileName(string programId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"pendaftaran-{programId}-{now.ToOffset(Wib.Offset):yyyyMMdd-HHmm}.csv");

    /// <summary>The CSV as UTF-8 with a byte order mark, as the command line writes its files, so spreadsheets read it right.</summary>
    public static byte[] Csv(IEnumerable<RegistrationRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        RegistrationExport.Write(text, rows);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}
