using System.Globalization;
using ChatAssistant.Benchmarks.Support;
using ChatAssistant.Dialogs.Messages;
using System.Data.Common;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// The active owners of a run: who they are among the stored ones, and where each is in the benchmark dialog's
/// script. An owner has at most one message in flight (a person waits for the answer), and only the one task
/// that drives an owner advances its script, so no locking is needed.
/// </summary>
internal sealed class SimulatedOwners
{
    public const string Channel = "load";

    private readonly string[] _chatIds;
    private readonly int[] _scriptIndex;

    public SimulatedOwners(int stored, int active, OwnerLayout layout)
    {
        var stride = layout == OwnerLayout.Spread ? stored / active : 1;
        var first = layout == OwnerLayout.Spread ? 0 : stored - active;
        _chatIds = new string[active];
        _scriptIndex = new int[active];
        UserIds = new long[active];
        for (var i = 0; i < active; i++)
        {
            _chatIds[i] = OwnerSeeder.ChatId(first + (i * stride));
            _scriptIndex[i] = BenchDialog.SeededScriptIndex;
        }
    }

    public int Count => _chatIds.Length;

    /// <summary>Row ids in <c>users</c>, for the raw storage run that skips the lookup by chat id.</summary>
    public long[] UserIds { get; }

    public string ChatId(int owner) => _chatIds[owner];

    /// <summary>The owner's next message; moves the owner along the script.</summary>
    public InboundMessage Next(int owner)
    {
        var index = _scriptIndex[owner];
        _scriptIndex[owner] = index + 1 == BenchDialog.Script.Length ? 0 : index + 1;
        return BenchDialog.Script[index];
    }

    public string? AwaitedStep(int owner) => BenchDialog.AwaitedSteps[_scriptIndex[owner]];

    public void LoadUserIds(DbConnection connection)
    {
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT id FROM users WHERE channel = @channel AND chat_id = @chat";
        Add(find, "@channel", Channel);
        var chat = Add(find, "@chat", string.Empty);
        for (var i = 0; i < _chatIds.Length; i++)
        {
            chat.Value = _chatIds[i];
            UserIds[i] = find.ExecuteScalar() is long id ? id : throw new InvalidOperationException($"owner {_chatIds[i]} was not seeded");
        }
    }

    /// <summary>Owners whose stored conversation is not at the step their script says; empty when the pipeline did all it should.</summary>
    public IReadOnlyList<string> Mismatches(DbConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT c.step_id FROM users u JOIN conversations c ON c.user_id = u.id AND c.status < 2
            WHERE u.channel = @channel AND u.chat_id = @chat
            """;
        Add(read, "@channel", Channel);
        var chat = Add(read, "@chat", string.Empty);
        var problems = new List<string>();
        for (var i = 0; i < _chatIds.Length; i++)
        {
            chat.Value = _chatIds[i];
            var step = read.ExecuteScalar() as string;
            var expected = AwaitedStep(i);
            if (step != expected)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"owner {_chatIds[i]}: at '{step ?? "(none)"}', expected '{expected ?? "(none)"}'"));
            }
        }

        return problems;
    }

    /// <summary>A text parameter; the same SQL runs on SQLite and PostgreSQL.</summary>
    private static DbParameter Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
