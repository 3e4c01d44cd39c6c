using System.Globalization;
using System.Text.RegularExpressions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Programmes;

/// <summary>
/// The programme rules of <c>data/programmes.yaml</c>, read once when the dialogs load. Dialogs read a rule by
/// key: as a condition value (<c>{ gt: [annual_sales, programme.sehati.max_sales] }</c>) or in a text
/// (<c>{programme.kur.super_micro.rate}</c>), and cite it with <c>{programme.kur.source}</c> ("Sumber: Permenko
/// Perekonomian No. 1/2023, per Januari 2023"). Texts become labels of every dialog, so showing one costs the
/// same as any label and nothing is parsed per message.
/// </summary>
public sealed partial class ProgrammeData
{
    public const string Prefix = "programme.";
    public const string SourceSuffix = ".source";
    public const string NameSuffix = ".name";

    private readonly Dictionary<string, ProgrammeRule> _rules;

    internal ProgrammeData(string path, IReadOnlyList<ProgrammeRule> rules, IReadOnlyDictionary<string, LocalizedText> labels)
    {
        Path = path;
        Rules = rules;
        Labels = labels;
        _rules = rules.ToDictionary(r => r.Key, StringComparer.Ordinal);
    }

    /// <summary>The data file, for messages.</summary>
    public string Path { get; }

    /// <summary>Every rule, in file order.</summary>
    public IReadOnlyList<ProgrammeRule> Rules { get; }

    /// <summary>Every text a dialog can show by name: each rule, each rule's and programme's citation, each programme's name.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Labels { get; }

    public ProgrammeRule? Find(string key) => _rules.GetValueOrDefault(key);

    /// <summary>A source holds programme data, not a dialog, when its top level has <c>programmes:</c>.</summary>
    public static bool IsProgrammeData(DialogSource source) => ProgrammesKey().IsMatch(source.Text);

    /// <summary>
    /// A warning for every rule whose review date has passed on <paramref name="today"/> (the caller's clock):
    /// the rule may no longer be true, and owners read it as true.
    /// </summary>
    public IEnumerable<Diagnostic> Stale(DateOnly today) => Rules
        .Where(r => r.ReviewBy < today)
        .Select(r => new Diagnostic(r.Position, DiagnosticSeverity.Warning, DiagnosticCodes.StaleRule,
            $"rule '{r.Key}' was due for review by {r.ReviewBy:yyyy-MM-dd} ({r.Source}, as of {r.AsOf:yyyy-MM-dd}); check it against the current rule, then update its value, as_of and review_by"));

    /// <summary>"Sumber: Kepkaban BPJPH No. 146/2025, per Agustus 2025" / "Source: ..., as of August 2025".</summary>
    internal static LocalizedText Citation(string source, DateOnly asOf) => new(new Dictionary<string, TextTemplate>(StringComparer.Ordinal)
    {
        [Languages.Indonesian] = Literal($"Sumber: {source}, per {asOf.ToString("MMMM yyyy", Languages.Culture(Languages.Indonesian))}"),
        [Languages.English] = Literal($"Source: {source}, as of {asOf.ToString("MMMM yyyy", Languages.Culture(Languages.English))}"),
    });

    /// <summary>Rp15 miliar / Rp15 billion: how people say amounts, rather than Rp15.000.000.000.</summary>
    internal static string CompactMoney(long rupiah, string language)
    {
        var english = language == Languages.English;
        var (unit, id, en) = Math.Abs(rupiah) switch
        {
            >= 1_000_000_000_000 => (1_000_000_000_000m, "triliun", "trillion"),
            >= 1_000_000_000 => (1_000_000_000m, "miliar", "billion"),
            >= 1_000_000 => (1_000_000m, "juta", "million"),
            >= 1_000 => (1_000m, "ribu", "thousand"),
            _ => (1m, string.Empty, string.Empty),
        };
        var number = (rupiah / unit).ToString("#,0.##", Languages.Culture(language));
        var word = english ? en : id;
        return word.Length == 0 ? "Rp" + number : $"Rp{number} {word}";
    }

    /// <summary>A text shown as written: braces in a source's name are not placeholders.</summary>
    internal static TextTemplate Literal(string text) =>
        TextTemplate.Parse(text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    internal static string Format(DateOnly date, string language) =>
        date.ToString("d MMMM yyyy", Languages.Culture(language));

    internal static CultureInfo Invariant => CultureInfo.InvariantCulture;

    [GeneratedRegex(@"^programmes:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ProgrammesKey();
}
