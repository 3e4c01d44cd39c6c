using System.Runtime.CompilerServices;
using ChatAssistant.Broadcasts;
using ChatAssistant.Outbox;
using ChatAssistant.Reminders;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// The reminder scheduler as the worker builds it (<see cref="ReminderServices.AddReminderScheduler"/>), on a writer
/// fixture's writer, session and fake clock, with the shipped texts; rounds are run by the test
/// (<see cref="ReminderScheduler.RunOnceAsync"/>), and what they did is read from the side.
/// </summary>
internal static class ReminderHost
{
    private static readonly ConditionalWeakTable<TestStores, ReminderStore> Stores = [];

    private static readonly Lazy<ReminderTexts> ShippedTexts = new(() => ReminderTexts.Load(TextsPath));

    /// <summary>The shipped dialogs/data/reminders.yaml.</summary>
    public static string TextsPath => Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "reminders.yaml");

    public static ReminderTexts Texts => ShippedTexts.Value;

    /// <summary>The reminder store on a test's write session, one per session (as the host registers it).</summary>
    public static ReminderStore Reminders(this TestStores session) => Stores.GetValue(session, s => new ReminderStore(s.Session));

    /// <param name="sources">The sources under test (others' kinds are left scheduled).</param>
    /// <param name="channels">The worker's channels: the fixture's own ("test") and the seeded owners' ("telegram") by default.</param>
    public static ReminderScheduler Create(
        WriterFixture fixture,
        IEnumerable<IReminderSource> sources,
        ReminderOptions? options = null,
        IReadOnlyList<string>? channels = null,
        BroadcastOptions? broadcasts = null,
        WhatsAppTemplateOptions? templates = null,
        ReminderTexts? texts = null) =>
        new(
            channels ?? ["test", "telegram"],
            options ?? new ReminderOptions(),
            (broadcasts ?? new BroadcastOptions()).QuietHours,
            texts ?? Texts,
            templates ?? new WhatsAppTemplateOptions(),
            sources,
            fixture.Writer,
            fixture.Store.Reminders(),
            fixture.OutboxStore,
            new OutboxSignal(),
            fixture.Time,
            new Random(18),
            NullLogger<ReminderScheduler>.Instance);

    /// <summary>Every reminder as stored: "kind subject state reason", oldest first.</summary>
    public static IReadOnlyList<string> Rows(StorageTarget target, string? chatId = null)
    {
        using var connection = target.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT r.kind || ' ' || r.subject || ' ' || r.state || COALESCE(' ' || r.reason, '')
            FROM reminders r JOIN users u ON u.id = r.user_id
            {(chatId is null ? string.Empty : "WHERE u.chat_id = '" + chatId.Replace("'", "''", StringComparison.Ordinal) + "'")}
            ORDER BY r.id
            """;
        var rows = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The reminders in the outbox, in order: (chat id, text, the button's command or null).</summary>
    public static IReadOnlyList<(string ChatId, string Text, string? Command)> Queued(StorageTarget target)
    {
        using var connection = target.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT o.chat_id, o.text, o.buttons FROM outbox o JOIN reminders r ON r.outbox_id = o.id ORDER BY o.id";
        var list = new List<(string, string, string?)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return list;
    }
}
