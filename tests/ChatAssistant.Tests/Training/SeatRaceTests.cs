using ChatAssistant.Tests.Support;
using ChatAssistant.Training;
using ChatAssistant.Storage;

namespace ChatAssistant.Tests.Training;

public abstract class SeatRaceTests : IDisposable
{
    private const int Owners = 50;
    private const int Capacity = 5;
    private readonly TempFolder _folder = new();
    private readonly StorageTarget _target;

    private protected SeatRaceTests(StorageProviderKind kind) => _target = StorageTarget.Create(kind, _folder);

    public void Dispose()
    {
        _target.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Fifty_owners_racing_for_five_seats_get_five_seats_and_an_ordered_waiting_list_and_a_cancellation_promotes_exactly_one()
    {
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        await using var fixture = await WriterFixture.StartAsync(_target, TrainingHost.Dialog("training-registration.yaml"), TrainingHost.Parts(catalog));

        // Everyone fills the form first, then all confirm at once: the last messages race for the seats.
        await Task.WhenAll(Enumerable.Range(0, Owners).Select(i => FillFormAsync(fixture, i)));
        var confirmations = await Task.WhenAll(Enumerable.Range(0, Owners).Select(i => fixture.SendAsync(Chat(i), "benar")));

        var seats = confirmations.Count(r => r.Reply!.Text.Contains("Selamat", StringComparison.Ordinal));
        var waiting = confirmations.Count(r => r.Reply!.Text.Contains("daftar tunggu", StringComparison.Ordinal));
        Assert.Equal(Capacity, seats);
        Assert.Equal(Owners - Capacity, waiting);
        Assert.Equal(Capacity, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE status = 'seat'"));
        Assert.Equal(Owners - Capacity, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE status = 'waitlist'"));

        // Nobody holds two registrations; every code is different.
        Assert.Equal(Owners, Sql.Count(_target, "SELECT COUNT(DISTINCT user_id) FROM training_registrations"));
        Assert.Equal(Owners, Sql.Count(_target, "SELECT COUNT(DISTINCT code) FROM training_registrations"));

        // The waiting list is in order: positions 1..45, each told to exactly one owner, in the order of arrival.
        var positions = confirmations
            .Select(r => r.Reply!.Text)
            .Where(t => t.Contains("daftar tunggu", StringComparison.Ordinal))
            .Select(t => int.Parse(t.Split("urutan ke-")[1].Split(' ', '.')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        Assert.Equal(Enumerable.Range(1, Owners - Capacity), positions);
        Assert.Equal(0, Sql.Count(_target, """
            SELECT COUNT(*) FROM training_registrations a JOIN training_registrations b
              ON a.status = 'waitlist' AND b.status = 'waitlist' AND a.waitlist_order < b.waitlist_order AND a.created_at > b.created_at
            """));

        // A seat holder cancels: exactly one owner, the first on the list, moves up and is told.
        var holder = Sql.Text(_target, "SELECT u.chat_id FROM training_registrations r JOIN users u ON u.id = r.user_id WHERE r.status = 'seat' LIMIT 1")!;
        var first = Sql.Text(_target, "SELECT u.chat_id FROM training_registrations r JOIN users u ON u.id = r.user_id WHERE r.status = 'waitlist' ORDER BY r.waitlist_order LIMIT 1")!;

        // Through the real dialogs: /status lists the seat, /batalpelatihan offers it, a confirmation cancels it.
        var status = await fixture.SendAsync(holder, "/status");
        Assert.Contains("dapat kursi", status.Reply!.Text, StringComparison.Ordinal);
        await fixture.SendAsync(holder, "/batalpelatihan");
        await fixture.SendAsync(holder, "1");
        var cancelled = await fixture.SendAsync(holder, "ya");
        Assert.Contains("sudah dibatalkan", cancelled.Reply!.Text, StringComparison.Ordinal);

        Assert.Equal(Capacity, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE status = 'seat'"));
        Assert.Equal(Owners - Capacity - 1, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE status = 'waitlist'"));
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM training_registrations WHERE promoted_at IS NOT NULL"));
        Assert.Equal(1, Sql.Count(_target,
            $"SELECT COUNT(*) FROM training_registrations r JOIN users u ON u.id = r.user_id WHERE u.chat_id = '{first}' AND r.status = 'seat'"));
        Assert.Equal(1, Sql.Count(_target, "SELECT COUNT(*) FROM outbox WHERE text LIKE '%ada kursi kosong%'"));
        var firstStatus = await fixture.SendAsync(first, "/status");
        Assert.Contains("dapat kursi", firstStatus.Reply!.Text, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Count(_target,
            $"SELECT COUNT(*) FROM outbox o JOIN users u ON u.id = o.user_id WHERE u.chat_id = '{first}' AND o.text LIKE '%ada kursi kosong%'"));
    }

    private static string Chat(int owner) => $"owner{owner}";

    private static async Task FillFormAsync(WriterFixture fixture, int owner)
    {
        string[] turns = ["/pelatihan", "ya", "1", "Jawa Timur", "1", "1", $"Pemilik {owner}", $"Usaha {owner}", TrainingHost.Nik(owner + 1), $"0812{owner + 10000000:D8}"];
        foreach (var text in turns)
        {
            await fixture.SendAsync(Chat(owner), text);
        }
    }
}

public sealed class SeatRaceTests_Sqlite() : SeatRaceTests(StorageProviderKind.Sqlite);

public sealed class SeatRaceTests_Postgres() : SeatRaceTests(StorageProviderKind.Postgres);
