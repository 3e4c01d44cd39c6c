using System.Text.RegularExpressions;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>
/// A file of the broken-dialog corpus (<c>Loading/Broken</c>), read from the source tree so that maintainers
/// read and edit the same files the tests load. Its leading comments declare what the validator must report:
/// <c># expect: LINE:COLUMN error|warning CODE [words the message contains]</c>, one line per diagnostic,
/// and <c># loaded after: FILE</c> for a mistake only seen across files (a duplicate id or command).
/// </summary>
internal sealed partial class BrokenDialog
{
    public static string Folder { get; } = RepositoryFiles.Path("tests", "ChatAssistant.Dialogs.Tests", "Loading", "Broken");

    private BrokenDialog(string name, string text, IReadOnlyList<Expectation> expected, IReadOnlyList<string> loadedAfter)
    {
        Name = name;
        Text = text;
        Expected = expected;
        LoadedAfter = loadedAfter;
    }

    public string Name { get; }

    public string Text { get; }

    public IReadOnlyList<Expectation> Expected { get; }

    public IReadOnlyList<string> LoadedAfter { get; }

    public DialogSource Source => new(Name, Text);

    /// <summary>The files that break something; companions (named <c>_*.yaml</c>) only help them.</summary>
    public static IEnumerable<string> Names() => Directory.EnumerateFiles(Folder, "*.yaml")
        .Select(f => System.IO.Path.GetFileName(f))
        .Where(n => !n.StartsWith('_'))
        .Order(StringComparer.Ordinal);

    public static BrokenDialog Read(string name)
    {
        var text = File.ReadAllText(System.IO.Path.Combine(Folder, name));
        var expected = new List<Expectation>();
        var loadedAfter = new List<string>();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.StartsWith('#')))
        {
            if (ExpectLine().Match(line) is { Success: true } expect)
            {
                expected.Add(new Expectation(
                    $"{expect.Groups["at"].Value} {expect.Groups["severity"].Value} {expect.Groups["code"].Value}",
                    expect.Groups["words"].Success ? expect.Groups["words"].Value : null));
            }
            else if (line.StartsWith("# loaded after: ", StringComparison.Ordinal))
            {
                loadedAfter.Add(line["# loaded after: ".Length..].Trim());
            }
            else if (line.StartsWith("# expect", StringComparison.Ordinal))
            {
                throw new FormatException($"{name}: '{line}' is not '# expect: LINE:COLUMN error|warning CODE [words]'");
            }
        }

        return new BrokenDialog(name, text, expected, loadedAfter);
    }

    public static DialogSource Companion(string name) => new(name, File.ReadAllText(System.IO.Path.Combine(Folder, name)));

    /// <summary>How a diagnostic is compared with an expectation: position, severity and code.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Position.Line}:{diagnostic.Position.Column} {(diagnostic.IsError ? "error" : "warning")} {diagnostic.Code}";

    [GeneratedRegex(@"^# expect: (?<at>\d+:\d+) (?<severity>error|warning) (?<code>[a-z-]+)(?: (?<words>.+))?$")]
    private static partial Regex ExpectLine();
}
