using ChatAssistant.Storage;

namespace ChatAssistant.Reminders;

/// <summary>
/// A source's statements, prepared once on the writer's session (a session keeps every statement prepared on it, so
/// preparing one per round would pile them up), and prepared again when the session is another (a test's writer).
/// Used on the writer thread only.
/// </summary>
internal sealed class SessionStatements
{
    private readonly Dictionary<string, PreparedCommand> _commands = new(StringComparer.Ordinal);
    private WriteSession? _session;

    public PreparedCommand Get(WriteSession session, string name, string sql)
    {
        if (!ReferenceEquals(session, _session))
        {
            _commands.Clear();
            _session = session;
        }

        if (!_commands.TryGetValue(name, out var command))
        {
            command = session.Prepare(sql);
            _commands[name] = command;
        }

        return command;
    }
}
