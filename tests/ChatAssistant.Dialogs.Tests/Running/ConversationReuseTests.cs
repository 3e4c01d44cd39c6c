using System.Collections;
using System.Reflection;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// A finished conversation's object is reused by the owner's next start, once the host has released it: the engine's
/// share of keeping owners' state out of the collector's old generations. Reuse must leave nothing of the old run.
/// </summary>
public class ConversationReuseTests
{
    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(TestDialogs.Survey);
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void A_finished_conversation_is_reused_by_the_next_start_only_after_the_host_releases_it()
    {
        var session = new UserSession(Languages.Indonesian);
        var finished = session.NewConversation("survey", 1, "score", Start);
        session.Conversations.Add(finished);
        finished.SetAnswer("nik", DialogValue.FromText("3173010101900001"));
        finished.Status = ConversationStatus.Completed;
        session.AcceptChanges();

        // Not released: the host may still be writing its rows from it, so a start gets a new object and leaves it whole.
        Assert.True(session.HasFinished);
        Assert.Empty(session.Conversations);
        var meanwhile = session.NewConversation("survey", 1, "score", Start.AddMinutes(1));
        Assert.NotSame(finished, meanwhile);
        Assert.Equal("3173010101900001", finished.Answers["nik"].Text);
        Assert.Equal(ConversationStatus.Completed, finished.Status);

        session.ReleaseFinished();
        Assert.False(session.HasFinished);
        Assert.Empty(finished.Answers); // written: personal data does not wait in memory for the next start

        var next = session.NewConversation("business", 2, "name", Start.AddMinutes(2));
        Assert.Same(finished, next);
        AssertAsNew(next, new ConversationState("business", 2, "name", Start.AddMinutes(2)));
        Assert.NotSame(next, session.NewConversation("survey", 1, "score", Start.AddMinutes(3))); // once
    }

    [Fact]
    public void A_reused_conversation_keeps_nothing_of_the_finished_one()
    {
        var session = new UserSession(Languages.Indonesian);
        var finished = session.NewConversation("survey", 1, "score", Start);
        session.Conversations.Add(finished);
        SetEverything(finished);
        finished.Status = ConversationStatus.Cancelled;
        session.AcceptChanges();
        session.ReleaseFinished();

        var next = session.NewConversation("business", 3, "name", Start.AddHours(1));

        Assert.Same(finished, next);
        AssertAsNew(next, new ConversationState("business", 3, "name", Start.AddHours(1)));
    }

    [Fact]
    public void An_owner_who_starts_a_dialog_again_is_asked_everything_again_on_the_reused_conversation()
    {
        var chat = new Chat(Catalog);
        chat.Send("/survei");
        chat.Send("5");
        var end = chat.Send("Pelayanan cepat");
        Assert.Contains("Terima kasih atas masukan Anda.", end.Text, StringComparison.Ordinal);
        var finished = chat.Session.Conversations.Single();
        chat.Session.AcceptChanges(); // the host's commit, then its release
        chat.Session.ReleaseFinished();

        var again = chat.Send("/survei");

        Assert.Contains("Beri nilai layanan kami", again.Text, StringComparison.Ordinal);
        var conversation = Assert.Single(chat.Session.Conversations);
        Assert.Same(finished, conversation);
        Assert.Equal("score", conversation.StepId);
        Assert.Empty(conversation.Answers);
        Assert.Equal(0, conversation.Id);
        Assert.Equal(ConversationStatus.Active, conversation.Status);
        Assert.Null(conversation.Outcome);

        chat.Send("2");
        Assert.Equal("comment", chat.Step);
        Assert.Equal(2m, conversation.Answers["score"].Number);
    }

    [Fact]
    public void Deleting_an_owners_data_drops_the_finished_conversation_kept_for_reuse()
    {
        var session = new UserSession(Languages.Indonesian);
        var finished = session.NewConversation("survey", 1, "score", Start);
        session.Conversations.Add(finished);
        finished.Status = ConversationStatus.Completed;
        session.AcceptChanges();
        session.ReleaseFinished();

        session.ClearProfile();

        Assert.NotSame(finished, session.NewConversation("survey", 1, "score", Start));
    }

    /// <summary>
    /// Sets every property that has a setter to a value no new conversation has, by type, so that one added later is
    /// covered too; then what only methods change: answers changed and removed, history, a rendering, a restart.
    /// </summary>
    private static void SetEverything(ConversationState conversation)
    {
        foreach (var property in typeof(ConversationState).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Length > 0)
            {
                continue; // read-only, or init-only
            }

            property.SetValue(conversation, Unusual(property.PropertyType));
        }

        conversation.SetAnswer("gone", DialogValue.FromNumber(1));
        conversation.ClearAnswers();
        conversation.SetAnswer("score", DialogValue.FromNumber(4));
        conversation.SetAnswer("comment", DialogValue.FromText("ok"));
        conversation.RemoveAnswer("comment");
        conversation.History.Add("score");
        conversation.CountRender();
        conversation.MarkChanged(Start.AddDays(1));
    }

    private static object Unusual(Type type) => type switch
    {
        _ when type == typeof(string) => "unusual",
        _ when type == typeof(int) => 7,
        _ when type == typeof(long) => 77L,
        _ when type == typeof(DateTimeOffset) => Start.AddDays(2),
        _ when type == typeof((ConversationStatus, string?)?) => ((ConversationStatus, string?)?)(ConversationStatus.Completed, "done"),
        { IsEnum: true } => Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!,
        _ => throw new InvalidOperationException($"give {type} an unusual value here: a reused conversation must reset it"),
    };

    /// <summary>Every field, public or not, as a new conversation has it; collections by their content.</summary>
    private static void AssertAsNew(ConversationState actual, ConversationState expected)
    {
        foreach (var field in typeof(ConversationState).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var a = field.GetValue(actual);
            var e = field.GetValue(expected);
            if (a is IEnumerable items and not string)
            {
                Assert.True(!items.Cast<object>().Any(), $"{field.Name} still holds items");
                Assert.True(e is null || !((IEnumerable)e).Cast<object>().Any(), $"{field.Name} of a new conversation holds items");
                continue;
            }

            Assert.True(Equals(a, e), $"{field.Name}: {a} where a new conversation has {e}");
        }
    }
}
