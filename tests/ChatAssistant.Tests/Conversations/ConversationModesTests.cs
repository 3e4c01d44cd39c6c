using ChatAssistant.Dialogs.Running;
using ChatAssistant.Conversations;

namespace ChatAssistant.Tests.Conversations;

public sealed class ConversationModesTests
{
    private static ConversationState Conversation() => new("d", 1, "s", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Every_mode_is_read_back_as_it_was_written()
    {
        var confirming = Conversation();
        confirming.Mode = ConversationMode.Confirming;
        var editing = Conversation();
        editing.Mode = ConversationMode.Editing;
        editing.ReviewStepId = "check";
        var paging = Conversation();
        paging.PagedStepId = "program";
        paging.Page = 2;

        var checking = Conversation();
        checking.Mode = ConversationMode.Checking;
        checking.Check = AnswerCheck.PerYear;
        var checkingWhileEditing = Conversation();
        checkingWhileEditing.Mode = ConversationMode.Checking;
        checkingWhileEditing.Check = AnswerCheck.Range;
        checkingWhileEditing.ReviewStepId = "check";

        foreach (var original in new[] { confirming, editing, paging, checking, checkingWhileEditing, Conversation() })
        {
            var copy = Conversation();
            ConversationModes.Read(ConversationModes.Write(original), copy);
            Assert.Equal((original.Mode, original.ReviewStepId, original.PagedStepId, original.Page, original.Check), (copy.Mode, copy.ReviewStepId, copy.PagedStepId, copy.Page, copy.Check));
        }

        Assert.Equal("page:program:2", ConversationModes.Write(paging));
        Assert.Null(ConversationModes.Write(Conversation()));
    }
}
