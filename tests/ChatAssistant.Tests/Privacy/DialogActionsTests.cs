using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using ChatAssistant.Shared;

namespace ChatAssistant.Tests.Privacy;

public sealed class DialogActionsTests
{
    [Fact]
    public void Each_action_runs_on_the_handler_that_provides_it()
    {
        var actions = new DialogActions([new Fixed("a", "one"), new Fixed("b", "two")]);

        Assert.Equal(["a", "b"], actions.Names.Order(StringComparer.Ordinal));
        Assert.Equal("two", actions.Run("b", new UserSession("id"), new ConversationState("d", 1, "s", DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch)["result"].Text);
    }

    [Fact]
    public void Two_handlers_claiming_one_action_fail_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new DialogActions([new Fixed("a", "one"), new Fixed("a", "two")]));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    private sealed class Fixed(string name, string result) : IDialogActionHandler
    {
        public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { name };

        public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now) =>
            new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["result"] = DialogValue.FromText(result) };
    }
}
