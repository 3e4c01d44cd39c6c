using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs.Tests.Testing;

/// <summary>
/// Runs every conversation test in the repository's <c>dialogs/tests/</c>, one xunit case per test case, as
/// <c>dialogs test</c> does; a maintainer's new test file is picked up with no change here.
/// </summary>
public sealed class ShippedConversationTests
{
    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in ShippedDialogs.TestFiles.Select(r => r.File).OfType<ConversationTestFile>())
        {
            foreach (var testCase in file.Cases)
            {
                data.Add(file.Path, testCase.Position.Line, testCase.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shipped_conversation_test_passes(string file, int line, string name)
    {
        var testFile = ShippedDialogs.TestFile(file);
        var testCase = testFile.Cases.Single(c => c.Position.Line == line);
        Assert.Equal(name, testCase.Name);

        var result = ConversationTestRunner.Run(ShippedDialogs.Dialogs.Catalog, testFile, testCase);

        Assert.True(result.Passed, result.Report());
    }

    [Fact]
    public void Every_shipped_dialog_loads_without_errors()
    {
        Assert.Empty(ShippedDialogs.Dialogs.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
        Assert.NotEmpty(ShippedDialogs.Dialogs.Catalog.Dialogs);
    }

    [Fact]
    public void Every_shipped_test_file_reads_without_errors()
    {
        Assert.NotEmpty(ShippedDialogs.TestFiles);
        Assert.Empty(ShippedDialogs.TestFiles.SelectMany(r => r.Diagnostics).Select(d => d.ToString()));
    }

    [Fact]
    public void Every_shipped_dialog_has_passing_tests_that_reach_each_of_its_outcomes_in_each_of_its_languages()
    {
        var catalog = ShippedDialogs.Dialogs.Catalog;
        var results = ShippedDialogs.TestFiles
            .Select(r => r.File)
            .OfType<ConversationTestFile>()
            .SelectMany(f => ConversationTestRunner.Run(catalog, f));

        Assert.Empty(ConversationTestRunner.Coverage(catalog, results).Select(d => d.ToString()));
    }
}
