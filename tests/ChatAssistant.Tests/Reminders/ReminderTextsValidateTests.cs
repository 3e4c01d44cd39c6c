using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// <c>dialogs validate</c> checks data/reminders.yaml beside the dialogs, so that a maintainer learns of a mistake in
/// the reminders' wording before deploying, rather than from a worker that does not start.
/// </summary>
public sealed class ReminderTextsValidateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Dialogs => Path.Combine(_folder.Path, "dialogs");

    private static string Shipped => File.ReadAllText(Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "reminders.yaml"));

    private static string Printed(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);

    [Fact]
    public async Task A_field_the_kind_does_not_provide_is_printed_at_its_line_and_validate_exits_with_1()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var texts = _folder.File("dialogs/data/reminders.yaml", Shipped.Replace("Tempat: {place}", "Tempat: {tempat}", StringComparison.Ordinal));
        var lines = File.ReadAllLines(texts);
        var first = Array.FindIndex(lines, l => l.Contains("{tempat}", StringComparison.Ordinal));

        var run = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);

        Assert.Equal(1, run.ExitCode);
        var output = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith(
            $"{Printed(texts)}:{first + 1}:{lines[first].IndexOf('"', StringComparison.Ordinal) + 1}: error unknown-answer: the text of 'training_3d' in 'id' shows {{tempat}}, which this kind does not provide; it has {{title}} {{start}} {{end}} {{place}} {{code}} {{contact}}.",
            output[0],
            StringComparison.Ordinal);
        Assert.Equal("2 files, 2 errors, 0 warnings", output[^1]); // training_3d and training_1d, in Indonesian
    }

    [Fact]
    public async Task The_shipped_reminder_texts_are_checked_with_the_dialogs_and_a_folder_without_them_is_fine()
    {
        _folder.File("dialogs/sales.yaml", TestDialogs.Sales);
        var without = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);
        _folder.File("dialogs/data/reminders.yaml", Shipped);
        var with = await AssistantProcess.RunAsync("", "dialogs", "validate", Dialogs);

        Assert.Equal((0, "1 file, 0 errors, 0 warnings"), (without.ExitCode, without.Output.Trim()));
        Assert.Equal((0, "2 files, 0 errors, 0 warnings"), (with.ExitCode, with.Output.Trim()));
    }
}
