using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>Call steps: the host's action runs within the turn and its values steer the dialog.</summary>
public sealed class CallStepTests
{
    private const string Booking = """
        id: booking
        version: 1
        languages: [id, en]
        title: {id: Pesan, en: Book}
        commands: [/pesan]
        start: book
        steps:
          book:
            call: take_seat
            sets: [seat_status, seat_code]
            next:
              - when: {eq: [seat_status, seat]}
                goto: got_seat
              - goto: waiting
          got_seat:
            end: {id: "Kursi Anda: {seat_code}.", en: "Your seat: {seat_code}."}
            outcome: seat
          waiting:
            end: {id: "Daftar tunggu.", en: "Waiting list."}
            outcome: waiting
        """;

    private static DialogCatalog Catalog(IReadOnlySet<string>? actions = null)
    {
        var loaded = DialogLoader.Load([new DialogSource("booking.yaml", Booking)], actions: actions);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Catalog;
    }

    [Fact]
    public void The_action_runs_once_for_the_owner_and_its_values_choose_the_way_on()
    {
        var seats = new Seats(1);
        var first = new Chat(Catalog(), actions: seats);
        var second = new Chat(Catalog(), actions: seats);

        Assert.StartsWith("Kursi Anda: K7Q2A.", first.Send("/pesan").Text, StringComparison.Ordinal);
        Assert.StartsWith("Daftar tunggu.", second.Send("/pesan").Text, StringComparison.Ordinal);
        Assert.Equal(2, seats.Calls);
    }

    [Fact]
    public void The_loader_refuses_an_action_the_host_does_not_provide()
    {
        var loaded = DialogLoader.Load([new DialogSource("booking.yaml", Booking)], actions: new HashSet<string> { "take_a_seat" });

        var error = Assert.Single(loaded.Diagnostics, d => d.IsError);
        Assert.StartsWith("booking.yaml:9:11: error unknown-source: no action is called 'take_seat' (did you mean 'take_a_seat'?)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_action_the_owner_is_told_plainly_instead_of_left_waiting()
    {
        var chat = new Chat(Catalog());

        var reply = chat.Send("/pesan");

        Assert.Contains("tidak dapat dilanjutkan", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ConversationStatus.Cancelled, chat.Session.Conversations.Single().Status);
    }

    private sealed class Seats(int capacity) : IDialogActions
    {
        public int Calls { get; private set; }

        public IReadOnlySet<string> Names { get; } = new HashSet<string> { "take_seat" };

        public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
        {
            Calls++;
            return Calls <= capacity
                ? new Dictionary<string, DialogValue> { ["seat_status"] = DialogValue.FromText("seat"), ["seat_code"] = DialogValue.FromText("K7Q2A") }
                : new Dictionary<string, DialogValue> { ["seat_status"] = DialogValue.FromText("waiting") };
        }
    }
}
