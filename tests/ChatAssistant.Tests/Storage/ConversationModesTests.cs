using ChatAssistant.Dialogs.Running;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Storage;

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

        foreach (var original in new[] { confirming, editing, paging, Conversation() })
        {
            var copy = Conversation();
            ConversationModes.Read(ConversationModes.Write(original), copy);
            Assert.Equal((original.Mode, original.ReviewStepId, original.PagedStepId, original.Page), (copy.Mode, copy.ReviewStepId, copy.PagedStepId, copy.Page));
        }

        Assert.Equal("page:program:2", ConversationModes.Write(paging));
        Assert.Null(ConversationModes.Write(Conversation()));
    }
}
