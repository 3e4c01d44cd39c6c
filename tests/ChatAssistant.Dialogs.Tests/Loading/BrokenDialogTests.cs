using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>
/// The broken-dialog corpus: one mistake a maintainer makes per file, each reported at the line and column
/// where it is written, with its severity and code, and nothing else reported beside it.
/// </summary>
public class BrokenDialogTests
{
    public static TheoryData<string> Files() => new(BrokenDialog.Names());

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_broken_file_is_reported_exactly_as_its_expect_lines_declare(string name)
    {
        var file = BrokenDialog.Read(name);
        var sources = file.LoadedAfter.Select(BrokenDialog.Companion).Append(file.Source);

        var result = DialogLoader.Load(sources, channels: HostChannels.Limits);
        var reported = result.Diagnostics.Where(d => d.Position.File == name).ToList();

        Assert.NotEmpty(file.Expected);
        Assert.Equal(
            file.Expected.Select(e => e.Diagnostic).Order(StringComparer.Ordinal),
            reported.Select(BrokenDialog.Describe).Order(StringComparer.Ordinal));
        foreach (var expected in file.Expected.Where(e => e.Words is not null))
        {
            var diagnostic = reported.First(d => BrokenDialog.Describe(d) == expected.Diagnostic);
            Assert.Contains(expected.Words!, diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_broken_file_with_an_error_is_not_loaded_and_one_with_only_warnings_is(string name)
    {
        var file = BrokenDialog.Read(name);

        var result = DialogLoader.Load(file.LoadedAfter.Select(BrokenDialog.Companion).Append(file.Source), channels: HostChannels.Limits);

        var loaded = result.Catalog.Dialogs.Any(d => d.Definition.Position.File == name);
        Assert.Equal(file.Expected.All(e => e.Diagnostic.Contains(" warning ", StringComparison.Ordinal)), loaded);
    }

    [Fact]
    public void The_corpus_has_at_least_15_files_and_covers_every_kind_of_mistake()
    {
        var expectations = BrokenDialog.Names().SelectMany(n => BrokenDialog.Read(n).Expected).ToList();
        var codes = expectations.Select(e => e.Diagnostic.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);

        Assert.True(BrokenDialog.Names().Count() >= 15, "at least 15 broken files");
        Assert.Subset(codes, new HashSet<string>(StringComparer.Ordinal)
        {
            DiagnosticCodes.YamlSyntax, DiagnosticCodes.UnknownKey, DiagnosticCodes.MissingField, DiagnosticCodes.BadValue,
            DiagnosticCodes.UnknownStep, DiagnosticCodes.UnknownAnswer, DiagnosticCodes.UnreachableStep, DiagnosticCodes.DeadEnd,
            DiagnosticCodes.DuplicateId, DiagnosticCodes.DuplicateCommand, DiagnosticCodes.MissingTranslation,
            DiagnosticCodes.TypeMismatch, DiagnosticCodes.StepKind, DiagnosticCodes.ChannelLimit,
            DiagnosticCodes.AmbiguousScalar, DiagnosticCodes.YamlAlias,
        });
        Assert.Contains(expectations, e => e.Diagnostic.EndsWith("warning channel-limit", StringComparison.Ordinal));
        Assert.Contains(expectations, e => e.Diagnostic.EndsWith("error channel-limit", StringComparison.Ordinal));
    }

    [Fact]
    public void The_companion_file_is_valid_on_its_own()
    {
        var result = DialogLoader.Load([BrokenDialog.Companion("_companion.yaml")], channels: HostChannels.Limits);

        Assert.Empty(result.Diagnostics);
    }
}
