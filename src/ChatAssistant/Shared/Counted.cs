using System.Globalization;

namespace ChatAssistant.Shared;

/// <summary>A count with its noun in the right number for operators' English lines: "1 owner", "2 owners".</summary>
internal static class Counted
{
    public static string Of(long count, string singular, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
}
