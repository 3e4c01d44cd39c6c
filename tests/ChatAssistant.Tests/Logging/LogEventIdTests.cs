using System.Reflection;
using ChatAssistant.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Tests.Logging;

/// <summary>
/// Every log message of the executable has an EventId of its own, written out: operators filter and alert on it,
/// and it stays the same when the wording of the message changes. Each area takes its ids from its range
/// (Storage 1000-, Conversations 2000-, Outbox 3000-, ...), so two areas never pick the same one.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly Executable = typeof(AssistantHost).Assembly;

    private static List<(string Method, int EventId)> LogMessages() =>
    [
        .. Executable.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<LoggerMessageAttribute>().Select(a => ($"{m.DeclaringType!.FullName}.{m.Name}", a.EventId))),
    ];

    [Fact]
    public void Every_log_message_has_an_explicit_event_id_above_zero()
    {
        var messages = LogMessages();

        Assert.NotEmpty(messages);
        // An EventId left out reads as -1 here (the generator then makes one up from the name, which a rename changes).
        Assert.Empty(messages.Where(m => m.EventId <= 0).Select(m => $"{m.Method}: {m.EventId}"));
    }

    [Fact]
    public void No_two_log_messages_share_an_event_id()
    {
        var shared = LogMessages()
            .GroupBy(m => m.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");

        Assert.Empty(shared);
    }
}
