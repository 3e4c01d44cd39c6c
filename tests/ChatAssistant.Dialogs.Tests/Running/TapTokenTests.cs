using System.Text;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>
/// A tap answers only the latest rendering of the current question of the owner's own conversation: older,
/// replayed, forged, other owners' and over-long taps are answered "no longer valid" with the current question,
/// and change nothing.
/// </summary>
public class TapTokenTests
{
    private const string Stale = "Tombol ini sudah tidak berlaku. Ini pertanyaan saat ini:\n\nApa bidang usaha Anda?";

    private static readonly DialogCatalog Catalog = TestDialogs.Catalog(TestDialogs.Business, TestDialogs.Survey);

    private static Chat AtSector(long ownerId = 7, string language = Languages.Indonesian)
    {
        var chat = new Chat(Catalog, language, ownerId: ownerId);
        chat.Send("/usaha");
        chat.Send("Toko Sari");
        chat.Send("3");
        chat.Send("15 juta");
        Assert.Equal("sector", chat.Step);
        chat.Session.AcceptChanges(); // as the store does after each turn: what a tap changes is what is left
        return chat;
    }

    private static void AssertNothingChanged(Chat chat)
    {
        Assert.Equal("sector", chat.Step);
        Assert.False(chat.Active!.Answers.ContainsKey("sector"));
        Assert.Empty(chat.Active.ChangedAnswers);
        Assert.Empty(chat.Active.RemovedAnswers);
        Assert.Equal(["food", "craft", "other"], chat.Last.Buttons.Select(b => Chat.ValueOf(b.Data)));
    }

    [Fact]
    public void A_tap_on_the_latest_buttons_answers()
    {
        var chat = AtSector();

        chat.TapValue("craft");

        Assert.Equal(DialogValue.FromText("craft"), chat.Active!.Answers["sector"]);
        Assert.Equal("has_nib", chat.Step);
    }

    [Fact]
    public void Every_rendered_button_fits_in_64_bytes_and_carries_a_token_not_the_step()
    {
        var chat = AtSector();

        Assert.All(chat.Last.Buttons, b =>
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(b.Data), 1, ButtonData.MaxBytes);
            Assert.DoesNotContain("sector", b.Data, StringComparison.Ordinal);
            Assert.Equal(ButtonData.TokenLength, b.Data.IndexOf('|', StringComparison.Ordinal));
        });
    }

    [Fact]
    public void A_forged_tap_naming_the_current_step_changes_nothing()
    {
        var chat = AtSector();

        var reply = chat.Tap(ButtonData.ForAnswer("sector", "food"));

        Assert.Equal(Stale, reply.Text);
        AssertNothingChanged(chat);
    }

    [Theory]
    [InlineData("AAAAAAAA|food")]
    [InlineData("|food")]
    [InlineData("food")]
    [InlineData("AAAAAAA|food")]
    [InlineData("AAAAAAAAA|food")]
    public void A_forged_token_changes_nothing(string data)
    {
        var chat = AtSector();

        var reply = chat.Tap(data);

        Assert.Equal(Stale, reply.Text);
        AssertNothingChanged(chat);
    }

    [Fact]
    public void A_tap_on_an_older_rendering_of_the_same_question_changes_nothing()
    {
        var chat = AtSector();
        var older = chat.Last.Buttons[0].Data;
        chat.Send("sesuatu yang bukan pilihan"); // asked again: a new rendering with new buttons
        chat.Session.AcceptChanges();

        var reply = chat.Tap(older);

        Assert.Equal(Stale, reply.Text);
        AssertNothingChanged(chat);
        chat.TapValue("food");
        Assert.Equal(DialogValue.FromText("food"), chat.Active!.Answers["sector"]);
    }

    [Fact]
    public void A_replayed_tap_changes_nothing_even_back_at_the_same_question()
    {
        var chat = AtSector();
        var craft = chat.Last.Buttons.Single(b => b.Label == "Kerajinan").Data;
        chat.Tap(craft);
        Assert.Equal("has_nib", chat.Step);

        var replay = chat.Tap(craft);
        Assert.StartsWith("Tombol ini sudah tidak berlaku.", replay.Text, StringComparison.Ordinal);
        Assert.Equal("has_nib", chat.Step);

        chat.Send("/kembali");
        Assert.Equal("sector", chat.Step);
        var food = chat.Last.Buttons.Single(b => b.Label == "Makanan").Data;
        var again = chat.Tap(craft);

        Assert.StartsWith("Tombol ini sudah tidak berlaku.", again.Text, StringComparison.Ordinal);
        Assert.Equal("sector", chat.Step);
        Assert.NotEqual(food, chat.Last.Buttons.Single(b => b.Label == "Makanan").Data);
    }

    [Fact]
    public void Another_owners_tap_at_the_same_question_changes_nothing()
    {
        var mine = AtSector(ownerId: 1);
        var theirs = AtSector(ownerId: 2);
        var theirFood = theirs.Last.Buttons[0].Data;

        var reply = mine.Tap(theirFood);

        Assert.Equal(Stale, reply.Text);
        AssertNothingChanged(mine);
    }

    [Fact]
    public void A_tap_from_another_conversation_of_the_same_owner_changes_nothing()
    {
        var chat = AtSector();
        var business = chat.Active!;
        var food = chat.Last.Buttons[0].Data;
        chat.Send("/survei"); // the business conversation is paused, the survey asks its question
        chat.Session.AcceptChanges();

        var reply = chat.Tap(food);

        Assert.Equal("Tombol ini sudah tidak berlaku. Ini pertanyaan saat ini:\n\nBeri nilai layanan kami (1-5).", reply.Text);
        Assert.Equal("score", chat.Step);
        Assert.Equal("sector", business.StepId);
        Assert.False(business.Answers.ContainsKey("sector"));
        Assert.Empty(chat.Active!.ChangedAnswers);
    }

    [Fact]
    public void Data_over_64_bytes_is_refused_even_with_the_right_token()
    {
        var chat = AtSector();
        var data = ButtonData.ForTap(chat.LastToken, "food" + new string(' ', 60));

        var reply = chat.Tap(data);

        Assert.Equal(Stale, reply.Text);
        AssertNothingChanged(chat);
    }

    [Fact]
    public void A_stale_tap_is_explained_in_english_too()
    {
        var chat = AtSector(language: Languages.English);

        var reply = chat.Tap("AAAAAAAA|food");

        Assert.Equal("This button is no longer valid. Here is the current question:\n\nWhat is your sector?", reply.Text);
    }

    [Fact]
    public void The_latest_buttons_still_answer_after_a_restart()
    {
        var chat = AtSector();
        var craft = chat.Last.Buttons.Single(b => b.Label == "Kerajinan");

        chat.RestartProcess(Catalog);
        chat.Receive(InboundMessage.FromButton(craft.Data, craft.Label));

        Assert.Equal(DialogValue.FromText("craft"), chat.Active!.Answers["sector"]);
    }

    [Fact]
    public void Showing_buttons_counts_a_rendering_to_be_saved()
    {
        var chat = AtSector();
        chat.Session.AcceptChanges();
        var before = chat.Active!.Render;

        chat.Send("/bantuan");

        Assert.Equal(before + 1, chat.Active.Render);
        Assert.True(chat.Active.IsChanged);
    }
}
