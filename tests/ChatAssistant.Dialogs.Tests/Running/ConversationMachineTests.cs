using ChatAssistant.Dialogs.Running;
using Stateless;

namespace ChatAssistant.Dialogs.Tests.Running;

public class ConversationMachineTests
{
    private static ConversationState Conversation(ConversationMode mode = ConversationMode.Normal, ConversationStatus status = ConversationStatus.Active) =>
        new("survey", 1, "name", DateTimeOffset.UnixEpoch) { Mode = mode, Status = status };

    [Fact]
    public void A_trigger_the_conversations_state_does_not_permit_is_refused_and_changes_nothing()
    {
        var paused = Conversation(status: ConversationStatus.Paused);

        Assert.Throws<InvalidOperationException>(() => ConversationMachine.Fire(paused, ConversationTrigger.OfferSaved));

        Assert.Equal(ConversationStatus.Paused, paused.Status);
        Assert.Equal(ConversationMode.Normal, paused.Mode);
    }

    [Fact]
    public void Pausing_keeps_what_the_conversation_waited_for_and_resuming_returns_to_it()
    {
        var conversation = Conversation(ConversationMode.Confirming);

        ConversationMachine.Fire(conversation, ConversationTrigger.Pause);
        Assert.Equal((ConversationStatus.Paused, ConversationMode.Confirming), (conversation.Status, conversation.Mode));
        Assert.Equal(ConversationPhase.Paused, ConversationMachine.PhaseOf(conversation));

        ConversationMachine.Fire(conversation, ConversationTrigger.Resume);
        Assert.Equal((ConversationStatus.Active, ConversationMode.Confirming), (conversation.Status, conversation.Mode));
    }

    [Fact]
    public void A_no_to_a_new_value_goes_back_to_still_right_and_any_other_no_to_what_the_conversation_was_doing()
    {
        var newValue = Conversation(ConversationMode.Checking);
        newValue.Check = AnswerCheck.NewValue;
        var whileEditing = Conversation(ConversationMode.Checking);
        whileEditing.Check = AnswerCheck.Range;
        whileEditing.ReviewStepId = "review";
        var asking = Conversation(ConversationMode.Checking);
        asking.Check = AnswerCheck.Range;

        ConversationMachine.Fire(newValue, ConversationTrigger.Rejected);
        ConversationMachine.Fire(whileEditing, ConversationTrigger.Rejected);
        ConversationMachine.Fire(asking, ConversationTrigger.Rejected);

        Assert.Equal(ConversationMode.Confirming, newValue.Mode);
        Assert.Equal(ConversationMode.Editing, whileEditing.Mode);
        Assert.Equal(ConversationMode.Normal, asking.Mode);
    }

    [Fact]
    public void Ending_a_conversation_sets_its_status_and_leaves_no_way_back()
    {
        var completed = Conversation(ConversationMode.Editing);

        ConversationMachine.Fire(completed, ConversationTrigger.Complete);

        Assert.Equal(ConversationStatus.Completed, completed.Status);
        Assert.Throws<InvalidOperationException>(() => ConversationMachine.Fire(completed, ConversationTrigger.Resume));
        Assert.Throws<InvalidOperationException>(() => ConversationMachine.Fire(completed, ConversationTrigger.Restart));
    }

    /// <summary>
    /// The engine moves conversations without Stateless's per-fire allocations; this holds every move to what the
    /// Stateless machine (the one the graph draws) does, in every state, for every trigger and every condition.
    /// </summary>
    [Fact]
    public void The_engine_moves_a_conversation_exactly_as_the_configured_stateless_machine_does()
    {
        var moves = 0;
        foreach (var phase in Enum.GetValues<ConversationPhase>())
        {
            foreach (var trigger in Enum.GetValues<ConversationTrigger>())
            {
                moves += CompareWithStateless(phase, trigger);
            }
        }

        // Every state has a way on (terminal ones excepted), so a comparison of refusals alone cannot pass this.
        Assert.True(moves > 40, $"only {moves} moves were permitted");
    }

    private static int CompareWithStateless(ConversationPhase phase, ConversationTrigger trigger)
    {
        var moves = 0;
        var binding = new ConversationMachine.Binding();
        var stateless = ConversationMachine.Configure(binding);
        foreach (var mode in Enum.GetValues<ConversationMode>())
        {
            foreach (var check in (AnswerCheck[])[AnswerCheck.None, AnswerCheck.Range, AnswerCheck.NewValue])
            {
                foreach (var review in (string?[])[null, "review"])
                {
                    var ours = In(phase, mode, check, review);
                    var theirs = In(phase, mode, check, review);
                    if (ConversationMachine.PhaseOf(ours) != phase)
                    {
                        continue; // a mode that does not belong to this state (an open state is its mode)
                    }

                    var oursRefused = Refused(() => ConversationMachine.Fire(ours, trigger));
                    binding.Conversation = theirs;
                    var theirsRefused = Refused(() => stateless.Fire(trigger));

                    Assert.True(theirsRefused == oursRefused, $"{phase} on {trigger}: Stateless refused {theirsRefused}, the engine {oursRefused}");
                    Assert.True((theirs.Status, theirs.Mode) == (ours.Status, ours.Mode), $"{phase} on {trigger}: Stateless went to {(theirs.Status, theirs.Mode)}, the engine to {(ours.Status, ours.Mode)}");
                    moves += oursRefused ? 0 : 1;
                }
            }
        }

        return moves;
    }

    private static ConversationState In(ConversationPhase phase, ConversationMode mode, AnswerCheck check, string? review)
    {
        var conversation = Conversation(mode, phase switch
        {
            ConversationPhase.Paused => ConversationStatus.Paused,
            ConversationPhase.Completed => ConversationStatus.Completed,
            ConversationPhase.Cancelled => ConversationStatus.Cancelled,
            _ => ConversationStatus.Active,
        });
        conversation.Check = check;
        conversation.ReviewStepId = review;
        return conversation;
    }

    private static bool Refused(Action fire)
    {
        try
        {
            fire();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
