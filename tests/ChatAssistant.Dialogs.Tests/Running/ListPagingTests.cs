using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Texts;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>A run-time list longer than a channel shows is offered a page at a time.</summary>
public sealed class ListPagingTests
{
    private const string Pick = """
        id: pick
        version: 1
        languages: [id, en]
        title: {id: Pilih, en: Pick}
        commands: [/pilih]
        start: program
        steps:
          program:
            ask: {id: "Pilih program:", en: "Choose a programme:"}
            options_from: programs
          done:
            end: {id: "Dipilih: {program}.", en: "Chosen: {program}."}
        """;

    private static Chat Started(int count)
    {
        var loaded = DialogLoader.Load([new DialogSource("pick.yaml", Pick)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var chat = new Chat(loaded.Catalog, choices: new Programs(count));
        chat.Send("/pilih");
        return chat;
    }

    [Fact]
    public void A_long_list_shows_a_page_of_eight_with_a_more_button_that_pages_on_and_wraps()
    {
        var chat = Started(20);
        Assert.Contains("halaman 1 dari 3", chat.Last.Text, StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Range(1, 8).Select(i => $"Program {i}"), "Lainnya ›"], chat.Last.Buttons.Select(b => b.Label));

        chat.TapLabel("Lainnya ›");
        Assert.Equal([.. Enumerable.Range(9, 8).Select(i => $"Program {i}"), "Lainnya ›"], chat.Last.Buttons.Select(b => b.Label));
        chat.Send("lainnya");
        Assert.Equal(["Program 17", "Program 18", "Program 19", "Program 20", "Lainnya ›"], chat.Last.Buttons.Select(b => b.Label));
        chat.TapLabel("Lainnya ›");

        Assert.Contains("halaman 1 dari 3", chat.Last.Text, StringComparison.Ordinal);
        Assert.Equal("program", chat.Step);
    }

    [Fact]
    public void A_typed_number_counts_within_the_page_on_screen()
    {
        var chat = Started(20);
        chat.TapLabel("Lainnya ›");

        chat.Send("1");

        Assert.Equal(DialogValue.FromText("p9"), chat.Session.Conversations.Single().Answers["program"]);
    }

    [Fact]
    public void A_button_from_an_earlier_page_still_chooses_its_programme()
    {
        var chat = Started(20);
        var first = chat.Last.Buttons[2];
        chat.TapLabel("Lainnya ›");

        chat.Tap(first.Data);

        Assert.Equal(DialogValue.FromText("p3"), chat.Session.Conversations.Single().Answers["program"]);
    }

    [Fact]
    public void The_page_survives_a_restart_of_the_process()
    {
        var chat = Started(20);
        chat.TapLabel("Lainnya ›");
        var loaded = DialogLoader.Load([new DialogSource("pick.yaml", Pick)]);

        chat.RestartProcess(loaded.Catalog);
        chat.Send("2");

        Assert.Equal(DialogValue.FromText("p10"), chat.Session.Conversations.Single().Answers["program"]);
    }

    [Fact]
    public void A_short_list_is_shown_whole_without_paging()
    {
        var chat = Started(8);

        Assert.Equal(8, chat.Last.Buttons.Count);
        Assert.DoesNotContain("halaman", chat.Last.Text, StringComparison.Ordinal);
    }

    private sealed class Programs(int count) : IChoiceSources
    {
        public IReadOnlySet<string> Names { get; } = new HashSet<string> { "programs" };

        public IReadOnlyList<ChoiceOption> Options(string source, UserSession session) =>
            Enumerable.Range(1, count).Select(i => new ChoiceOption($"p{i}", LocalizedText.Of($"Program {i}", $"Programme {i}"), default)).ToList();
    }
}
