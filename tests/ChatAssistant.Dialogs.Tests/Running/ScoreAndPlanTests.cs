using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>Compute steps that sum a weighted score, collect an action plan, and copy a value from another key.</summary>
public sealed class ScoreAndPlanTests
{
    private const string Checklist = """
        id: checklist
        version: 1
        languages: [id, en]
        title: {id: Cek, en: Check}
        commands: [/cek]
        start: previous
        labels:
          get_nib: {id: "Urus NIB di OSS, {profile.business_name}.", en: "Get an NIB through OSS, {profile.business_name}."}
          get_halal: {id: Ajukan sertifikat halal., en: Apply for halal certification.}
          again: {id: "Dulu {previous}, sekarang {score}.", en: "Last time {previous}, now {score}."}
          first: {id: Ini cek pertama Anda., en: This is your first check.}
        steps:
          previous:
            compute: previous
            cases:
              - value_from: profile.score
          nib:
            ask: {id: Punya NIB?, en: Have an NIB?}
            input: yesno
          halal:
            ask: {id: Punya sertifikat halal?, en: Halal certified?}
            input: yesno
          score:
            compute: score
            sum:
              - {when: {eq: [nib, yes]}, add: 3}
              - {when: {eq: [halal, yes]}, add: 1}
            scale_to: 100
          raw:
            compute: raw
            sum:
              - {when: {eq: [nib, yes]}, add: 3}
              - {when: {eq: [halal, yes]}, add: 1}
          plan:
            compute: plan
            collect:
              - {when: {eq: [nib, no]}, item: get_nib}
              - {when: {eq: [halal, no]}, item: get_halal}
          progress:
            compute: progress
            cases:
              - {when: {set: previous}, value: again}
              - value: first
          save_score:
            compute: profile.score
            cases:
              - value_from: score
          save_date:
            compute: profile.score_date
            cases:
              - value_from: today
          done:
            end: {id: "Skor {score}. {progress}\n{plan}", en: "Score {score}. {progress}\n{plan}"}
        """;

    private static DialogCatalog Catalog() => TestDialogs.Catalog(Checklist);

    [Fact]
    public void A_sum_adds_the_weights_whose_condition_holds_and_scale_to_makes_it_a_share_of_all_weights()
    {
        var chat = new Chat(Catalog());
        chat.Send("/cek");
        chat.Send("ya");
        chat.Send("tidak");

        var answers = chat.Session.Conversations.Single().Answers;
        Assert.Equal(DialogValue.FromNumber(75), answers["score"]);
        Assert.Equal(DialogValue.FromNumber(3), answers["raw"]);
    }

    [Fact]
    public void A_collected_plan_lists_the_labels_of_the_items_that_hold_in_order_one_numbered_line_each()
    {
        var chat = new Chat(Catalog());
        chat.Session.Profile["business_name"] = DialogValue.FromText("Toko Sari");
        chat.Send("/cek");
        chat.Send("tidak");

        var reply = chat.Send("tidak");

        Assert.Contains("Skor 0. Ini cek pertama Anda.\n1. Urus NIB di OSS, Toko Sari.\n2. Ajukan sertifikat halal.", reply.Text, StringComparison.Ordinal);
        var plan = chat.Session.Conversations.Single().Answers["plan"];
        Assert.Equal(ValueKind.List, plan.Kind);
        Assert.Equal("get_nib get_halal", plan.Text);
    }

    [Fact]
    public void A_plan_in_English_reads_the_English_labels()
    {
        var chat = new Chat(Catalog(), Languages.English);
        chat.Send("/cek");
        chat.Send("yes");

        var reply = chat.Send("no");

        Assert.Contains("Score 75. This is your first check.\n1. Apply for halal certification.", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("get_nib", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_collected_leaves_the_plan_unset()
    {
        var chat = new Chat(Catalog());
        chat.Send("/cek");
        chat.Send("ya");
        chat.Send("ya");

        Assert.False(chat.Session.Conversations.Single().Answers.ContainsKey("plan"));
    }

    [Fact]
    public void A_list_survives_the_store_and_equals_its_keys_written_as_text()
    {
        var plan = DialogValue.FromList("get_nib get_halal");

        Assert.Equal(plan, DialogValue.Deserialize(plan.Serialize()));
        Assert.True(plan.SameAs(DialogValue.FromText("get_nib get_halal")));
        Assert.Equal("get_nib, get_halal", plan.Display(Languages.English));
    }

    [Fact]
    public void The_score_is_saved_to_the_profile_and_the_next_run_shows_the_progress_since_last_time()
    {
        var chat = new Chat(Catalog());
        chat.Send("/cek");
        chat.Send("tidak");
        chat.Send("ya");
        Assert.Equal(DialogValue.FromNumber(25), chat.Session.Profile["score"]);
        Assert.Equal(DialogValue.FromDate(new DateOnly(2025, 3, 10)), chat.Session.Profile["score_date"]);

        chat.RestartProcess(Catalog());
        chat.Send("/cek");
        chat.Send("ya");
        var reply = chat.Send("ya");

        Assert.Contains("Dulu 25, sekarang 100.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(DialogValue.FromNumber(100), chat.Session.Profile["score"]);
    }

    [Fact]
    public void The_loader_refuses_two_ways_of_computing_in_one_step()
    {
        var yaml = Checklist.Replace("    scale_to: 100", "    scale_to: 100\n    cases: [{value: 1}]", StringComparison.Ordinal);

        var loaded = DialogLoader.Load([new DialogSource("c.yaml", yaml)]);

        Assert.Contains(loaded.Diagnostics, d => d.IsError && d.Code == DiagnosticCodes.BadValue && d.Message.Contains("cases and sum", StringComparison.Ordinal));
    }

    [Fact]
    public void The_validator_warns_about_a_collected_item_without_a_label()
    {
        var yaml = Checklist.Replace("item: get_halal}", "item: get_halall}", StringComparison.Ordinal);

        var loaded = DialogLoader.Load([new DialogSource("c.yaml", yaml)]);

        Assert.Contains(loaded.Diagnostics, d => !d.IsError && d.Message.Contains("'get_halall', which has no label; the owner would read the bare key (did you mean 'get_halal'?)", StringComparison.Ordinal));
    }
}

/// <summary>Issue 13: a row that does not apply is out of the score; a plan shows its top steps and the rest apart.</summary>
public class NotApplicableAndTopStepsTests
{
    private const string Dialog = """
        id: check
        version: 1
        title: Cek
        commands: [/cek]
        start: food
        labels:
          a: { id: langkah A, en: step A }
          b: { id: langkah B, en: step B }
          c: { id: langkah C, en: step C }
        steps:
          food:
            ask: { id: "Pangan?", en: "Food?" }
            input: yesno
          nib:
            ask: { id: "NIB?", en: "NIB?" }
            input: yesno
          score:
            compute: score
            sum:
              - { when: { eq: [nib, yes] }, add: 10 }
              - { when: { eq: [nib, no] }, add: 10, applies: { eq: [food, yes] } }
            scale_to: 100
          top:
            compute: top
            limit: 2
            collect: [ { item: a }, { item: b }, { item: c } ]
          rest:
            compute: rest
            skip: 2
            collect: [ { item: a }, { item: b }, { item: c } ]
          done:
            end: { id: "{score}. {top} / {rest}", en: "{score}. {top} / {rest}" }
        """;

    [Theory]
    [InlineData("tidak", "100.")]   // halal does not apply to non-food: the NIB is all there is to have
    [InlineData("ya", "50.")]       // for food, halal counts and is missing
    public void A_row_that_does_not_apply_is_out_of_the_sum_and_the_total(string food, string score)
    {
        var chat = new Chat(DialogLoader.Load([new DialogSource("c.yaml", Dialog)]).Catalog);
        chat.Send("/cek");
        chat.Send(food);

        Assert.StartsWith(score, chat.Send("ya").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_keeps_the_first_items_and_skip_the_rest()
    {
        var chat = new Chat(DialogLoader.Load([new DialogSource("c.yaml", Dialog)]).Catalog);
        chat.Send("/cek");
        chat.Send("ya");

        Assert.StartsWith("50. 1. langkah A\n2. langkah B / 1. langkah C", chat.Send("ya").Text, StringComparison.Ordinal);
    }
}
