using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary><c>audience: operators</c>: operators can run the dialog; for everyone else it does not exist.</summary>
public sealed class OperatorDialogTests
{
    private const string Broadcast = """
        id: broadcast
        version: 1
        languages: [id, en]
        title: { id: Kirim siaran, en: Send a broadcast }
        commands: [/siaran, /broadcast]
        audience: operators
        start: text
        steps:
          text:
            ask: { id: Apa isi siarannya?, en: What is the broadcast's text? }
            input: text
          sure:
            ask: { id: Kirim sekarang?, en: Send it now? }
            input: yesno
          sent:
            end: { id: Siaran dikirim., en: Broadcast sent. }
            outcome: sent
        """;

    private static readonly DialogCatalog OwnersOnly = TestDialogs.Catalog(TestDialogs.Survey, TestDialogs.Business);
    private static readonly DialogCatalog WithOperators = TestDialogs.Catalog(TestDialogs.Survey, TestDialogs.Business, Broadcast);

    private static Chat Operator(string language = Languages.Indonesian)
    {
        var chat = new Chat(WithOperators, language);
        chat.Session.IsOperator = true;
        return chat;
    }

    [Theory]
    [InlineData(Languages.Indonesian, "/siaran")]
    [InlineData(Languages.English, "/broadcast")]
    [InlineData(Languages.Indonesian, "/SIARAN halo")]
    [InlineData(Languages.Indonesian, "/siaran@UmkmBot")]
    public void Non_operators_get_the_unknown_command_answer(string language, string command)
    {
        var withoutDialog = new Chat(OwnersOnly, language);
        var withDialog = new Chat(WithOperators, language);

        var expected = withoutDialog.Send(command);
        var reply = withDialog.Send(command);

        Assert.Equal(expected.Text, reply.Text);
        Assert.Equal(expected.Buttons, reply.Buttons);
        Assert.Null(withDialog.Active);
    }

    [Fact]
    public void Non_operators_in_a_conversation_get_the_unknown_command_answer_and_the_current_question()
    {
        var withoutDialog = new Chat(OwnersOnly);
        var withDialog = new Chat(WithOperators);
        withoutDialog.Send("/survei");
        withDialog.Send("/survei");

        var expected = withoutDialog.Send("/siaran");
        var reply = withDialog.Send("/siaran");

        Assert.Contains("tidak dikenal", reply.Text, StringComparison.Ordinal);
        Assert.Equal(expected.Text, reply.Text);
        Assert.Equal(expected.Buttons, reply.Buttons);
        Assert.Equal("survey", withDialog.Active?.DialogId);
        Assert.Equal("score", withDialog.Step);
    }

    [Fact]
    public void A_broadcast_button_with_an_operator_command_is_unknown_to_non_operators()
    {
        var withoutDialog = new Chat(OwnersOnly);
        var withDialog = new Chat(WithOperators);

        Assert.Equal(withoutDialog.Tap("/siaran").Text, withDialog.Tap("/siaran").Text);
        Assert.Null(withDialog.Active);
    }

    [Fact]
    public void Operators_can_run_an_operator_dialog_by_its_command()
    {
        var chat = Operator();

        Assert.Contains("Apa isi siarannya?", chat.Send("/siaran").Text, StringComparison.Ordinal);
        chat.Send("Pendaftaran pelatihan dibuka");
        var reply = chat.Send("ya");

        Assert.Contains("Siaran dikirim.", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sent", chat.Session.Conversations.Single(c => c.DialogId == "broadcast").Outcome);
    }

    [Fact]
    public void Operator_dialogs_are_not_in_the_menu_even_for_operators()
    {
        var chat = Operator();

        var reply = chat.Send("/menu");

        Assert.Equal(["/usaha", "/survei"], reply.Buttons.Select(b => b.Data));
        Assert.Equal(["business", "survey"], WithOperators.MenuDialogs.Select(d => d.Id));
        Assert.Equal(["/usaha", "/survei"], WithOperators.MenuButtons(Languages.English).Select(b => b.Data));
    }

    [Fact]
    public void The_catalog_lists_operator_dialogs_for_the_host()
    {
        var broadcast = Assert.Single(WithOperators.OperatorDialogs);

        Assert.Equal("broadcast", broadcast.Id);
        Assert.Equal(DialogAudience.Operators, broadcast.Definition.Audience);
        Assert.Equal(["/siaran", "/broadcast"], broadcast.Definition.Commands);
        Assert.Empty(OwnersOnly.OperatorDialogs);
        Assert.All(OwnersOnly.Dialogs, d => Assert.Equal(DialogAudience.Owners, d.Definition.Audience));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("Kirim siaran")]
    [InlineData("Send a broadcast")]
    public void A_menu_number_or_title_never_reaches_an_operator_dialog(string typed)
    {
        var chat = Operator();
        chat.Send("halo");

        var reply = chat.Send(typed);

        Assert.Null(chat.Active);
        Assert.Equal(2, reply.Buttons.Count);
    }

    [Fact]
    public void A_conversation_with_an_operator_dialog_is_not_continued_once_its_person_is_no_longer_an_operator()
    {
        var chat = Operator();
        chat.Send("/siaran");

        chat.Session.IsOperator = false;
        var answer = chat.Send("Pendaftaran pelatihan dibuka");
        var cancel = chat.Send("/batal");
        var back = chat.Send("/kembali");

        // Treated as no conversation: the text is a menu choice, and there is nothing to cancel or go back in.
        Assert.DoesNotContain("Kirim sekarang?", answer.Text, StringComparison.Ordinal);
        Assert.Equal(["/usaha", "/survei"], answer.Buttons.Select(b => b.Data));
        Assert.Contains("Tidak ada percakapan yang sedang berjalan.", cancel.Text, StringComparison.Ordinal);
        Assert.Contains("Tidak ada percakapan yang sedang berjalan.", back.Text, StringComparison.Ordinal);
        var broadcast = chat.Session.Conversations.Single(c => c.DialogId == "broadcast");
        Assert.Equal("text", broadcast.StepId);
        Assert.Empty(broadcast.Answers);
        Assert.Equal(ConversationStatus.Active, broadcast.Status);
    }

    [Fact]
    public void A_former_operator_can_start_an_owners_dialog_and_the_operator_conversation_is_only_paused()
    {
        var chat = Operator();
        chat.Send("/siaran");
        chat.Session.IsOperator = false;

        var reply = chat.Send("/survei");

        Assert.Contains("Beri nilai layanan kami", reply.Text, StringComparison.Ordinal);
        Assert.Equal("survey", chat.Active?.DialogId);
        Assert.Equal(ConversationStatus.Paused, chat.Session.Conversations.Single(c => c.DialogId == "broadcast").Status);

        // Made an operator again (back in the configuration), the paused broadcast resumes where it stopped.
        chat.Session.IsOperator = true;
        Assert.Contains("Apa isi siarannya?", chat.Send("/siaran").Text, StringComparison.Ordinal);
        Assert.Equal("broadcast", chat.Active?.DialogId);
    }

    [Fact]
    public void The_current_question_of_a_former_operator_is_the_menu()
    {
        var chat = Operator();
        chat.Send("/siaran");
        chat.Session.IsOperator = false;

        var engine = new ConversationEngine(WithOperators);
        var shown = engine.CurrentQuestion(chat.Session);

        Assert.NotNull(shown);
        Assert.DoesNotContain("Apa isi siarannya?", shown.Text, StringComparison.Ordinal);
        Assert.Equal(["/usaha", "/survei"], shown.Buttons.Select(b => b.Data));
    }

    [Fact]
    public void A_conversation_test_case_can_be_an_operator()
    {
        const string tests = """
            dialog: broadcast
            cases:
              - name: an operator sends a broadcast
                operator: true
                turns:
                  - send: /siaran
                    reply: Apa isi siarannya?
                  - send: Pelatihan dibuka
                  - tap: "Ya"
                outcome: sent
              - name: an owner does not know the command
                turns:
                  - send: /siaran
                    reply: tidak dikenal
                    step: ~
                outcome: ~
            """;
        var read = ConversationTestReader.Read(new DialogSource("tests/broadcast.yaml", tests));
        Assert.Empty(read.Diagnostics);

        var results = ConversationTestRunner.Run(WithOperators, read.File!);

        Assert.All(results, r => Assert.True(r.Passed, r.Report()));
        Assert.Equal([true, false], read.File!.Cases.Select(c => c.Operator));
    }

    [Fact]
    public void A_conversation_test_operator_key_that_is_not_true_or_false_is_reported_at_its_position()
    {
        const string tests = """
            dialog: broadcast
            cases:
              - name: an operator
                operator: maybe
                turns:
                  - send: /siaran
            """;

        var read = ConversationTestReader.Read(new DialogSource("tests/broadcast.yaml", tests));

        var diagnostic = Assert.Single(read.Diagnostics);
        Assert.Equal((4, 15), (diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Equal(DiagnosticCodes.BadValue, diagnostic.Code);
    }
}
