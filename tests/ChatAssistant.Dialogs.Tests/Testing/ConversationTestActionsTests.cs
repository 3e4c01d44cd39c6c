using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs.Tests.Testing;

/// <summary>The <c>actions:</c> key of a test file: fixed results for <c>call</c> steps, since no host runs them.</summary>
public sealed class ConversationTestActionsTests
{
    private const string Seat = """
        id: seat
        version: 1
        languages: [id]
        title: Kursi
        commands: [/kursi]
        start: take
        steps:
          take:
            call: take_seat
            sets: [status]
            next:
              - when: { eq: [status, seat] }
                goto: seated
              - goto: waiting
          seated:
            end: Anda dapat kursi.
            outcome: seated
          waiting:
            end: Anda masuk daftar tunggu.
            outcome: waiting
        """;

    private const string Tests = """
        dialog: seat
        actions:
          take_seat: { status: seat }
        cases:
          - name: the file's result
            turns:
              - send: /kursi
                reply: Anda dapat kursi.
            outcome: seated
          - name: the case's own result replaces the file's
            actions:
              take_seat: { status: waitlist }
            turns:
              - send: /kursi
                reply: Anda masuk daftar tunggu.
            outcome: waiting
        """;

    [Fact]
    public void A_call_step_gets_the_values_the_test_file_gives_and_a_case_may_override_them()
    {
        var loaded = DialogLoader.Load([new DialogSource("seat.yaml", Seat)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var read = ConversationTestReader.Read(new DialogSource("tests/seat.yaml", Tests));
        Assert.Empty(read.Diagnostics.Select(d => d.ToString()));

        var results = ConversationTestRunner.Run(loaded.Catalog, read.File!);

        Assert.All(results, r => Assert.True(r.Passed, r.Summary));
        Assert.Equal(["seated", "waiting"], results.Select(r => r.Outcome));
    }

    [Fact]
    public void Actions_that_are_not_a_mapping_are_a_test_file_error()
    {
        var read = ConversationTestReader.Read(new DialogSource("tests/seat.yaml", Tests.Replace("take_seat: { status: seat }", "- take_seat", StringComparison.Ordinal)));

        Assert.Contains(read.Diagnostics, d => d.Code == DiagnosticCodes.BadValue && d.Message.Contains("'actions'", StringComparison.Ordinal));
    }
}
