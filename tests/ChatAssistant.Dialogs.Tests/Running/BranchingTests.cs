using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

public class BranchingTests
{
    [Fact]
    public void Asks_the_halal_question_only_to_food_businesses_with_an_NIB()
    {
        var chat = StepKindTests.Started("Warung Sari", "2", "15 juta", "Makanan", "ya");

        Assert.Equal("halal", chat.Step);
        Assert.Equal("Apakah produk Anda sudah bersertifikat halal?", chat.Last.Text);
    }

    [Theory]
    [InlineData("Makanan", "tidak")]
    [InlineData("Kerajinan", "ya")]
    public void Skips_the_halal_question_when_either_answer_rules_it_out(string sector, string hasNib)
    {
        var chat = StepKindTests.Started("Warung Sari", "2", "15 juta", sector, hasNib);

        Assert.Null(chat.Session.Active);
        Assert.False(chat.Session.Conversations[0].Answers.ContainsKey("halal"));
    }

    [Theory]
    [InlineData("2 miliar", "micro")]
    [InlineData("2.000.000.001", "not_micro")]
    [InlineData("0", "micro")]
    public void Outcome_follows_the_computed_class_with_the_threshold_inclusive(string sales, string outcome)
    {
        var chat = StepKindTests.Started("Warung Sari", "2", sales, "Lainnya", "tidak");

        Assert.Equal(outcome, chat.Session.Conversations[0].Outcome);
    }

    [Fact]
    public void Profile_answer_outlives_the_conversation_that_asked_it()
    {
        var chat = StepKindTests.Started("Warung Sari", "2", "15 juta", "Lainnya", "tidak");
        chat.Session.AcceptChanges();

        chat.Send("/usaha");

        Assert.Equal(DialogValue.FromText("Warung Sari"), chat.Session.Profile["business_name"]);
        Assert.Equal("name", chat.Step);
    }

    [Fact]
    public void Condition_on_a_question_that_was_skipped_does_not_hold()
    {
        // halal is never asked here, so eq and lte on it are false and only ne holds.
        const string yaml = """
            id: skipped
            version: 1
            languages: [id, en]
            title: { id: Lewati, en: Skip }
            commands: [/lewati]
            start: first
            steps:
              first:
                ask: { id: Lanjut?, en: Continue? }
                input: yesno
                next:
                  - when: { eq: [first, yes] }
                    goto: check
                  - goto: amount
              amount:
                ask: { id: Jumlah?, en: Amount? }
                input: money
              check:
                compute: verdict
                cases:
                  - when: { eq: [amount, 0] }
                    value: zero
                  - when: { lte: [amount, 1 juta] }
                    value: small
                  - when: { ne: [amount, 5] }
                    value: unset
                  - value: other
              done:
                end: { id: "Hasil {verdict}", en: "Result {verdict}" }
            """;
        var chat = new Chat(TestDialogs.Catalog(yaml));
        chat.Send("/lewati");

        chat.Send("ya");

        Assert.Equal("Hasil unset\n\nKetik /menu untuk layanan lain.", chat.Last.Text);
    }
}
