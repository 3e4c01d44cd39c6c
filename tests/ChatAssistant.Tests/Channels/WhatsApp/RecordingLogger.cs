using Microsoft.Extensions.Logging;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>Keeps every log entry (level, event id, text), so a test can see that a critical line was written.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, int EventId, string Text)> _entries = [];

    public IReadOnlyList<(LogLevel Level, int EventId, string Text)> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add((logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}
