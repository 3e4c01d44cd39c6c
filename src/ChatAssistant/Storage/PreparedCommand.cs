using System.Data.Common;
using System.Runtime.CompilerServices;
using ChatAssistant.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatAssistant.Storage;

/// <summary>
/// A statement of a <see cref="WriteSession"/>, prepared once and run many times in the session's transactions,
/// bound by name: <c>command.Set("@user", id).Set("@now", now).Execute()</c>. Its parameters are the
/// <c>@name</c>s of its text. On SQLite, runs for changes or one value go through <see cref="SqliteStatement"/>. A run that writes a table the session watches is counted there
/// (<see cref="WriteSession.WatchedWrites"/>), so caches over those tables learn of every write, whoever made it.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly WriteSession _session;
    private readonly string[] _names;
    private readonly DbParameter[] _parameters;
    private readonly object?[] _boxes;
    private readonly IReadOnlyList<string> _writes;
    private int _watchVersion = -1;
    private bool _watched;
    private SqliteStatement? _sqlite;
    private bool _sqliteTried;

    internal PreparedCommand(WriteSession session, DbCommand command, IReadOnlyList<string> names)
    {
        _session = session;
        Command = command;
        _names = [.. names];
        _parameters = new DbParameter[_names.Length];
        _boxes = new object?[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = _names[i];
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }

        _writes = SqlText.WrittenTables(command.CommandText);
    }

    internal DbCommand Command { get; }

    /// <summary>Binds a parameter of the statement by its name (with the <c>@</c>); null is stored as NULL.</summary>
    public PreparedCommand Set(string name, object? value)
    {
        _parameters[IndexOf(name)].Value = value ?? DBNull.Value;
        return this;
    }

    /// <summary>Binds a number; see <see cref="SetAt(int, long)"/>.</summary>
    public PreparedCommand Set(string name, long value) => SetAt(IndexOf(name), value);

    /// <summary>Binds a number; see <see cref="SetAt(int, long)"/>.</summary>
    public PreparedCommand Set(string name, int value) => SetAt(IndexOf(name), value);

    /// <summary>
    /// Binds a number without boxing it again for every run: the parameter keeps one box of the statement's own, changed
    /// in place (the providers read a parameter's value when the statement runs, never keep it). On the message path a
    /// message binds a dozen numbers; this keeps them from being a dozen allocations.
    /// </summary>
    public PreparedCommand SetAt(int ordinal, long value)
    {
        if (_boxes[ordinal] is long && ReferenceEquals(_parameters[ordinal].Value, _boxes[ordinal]))
        {
            Unsafe.Unbox<long>(_boxes[ordinal]!) = value;
        }
        else
        {
            _parameters[ordinal].Value = _boxes[ordinal] = value;
        }

        return this;
    }

    /// <inheritdoc cref="SetAt(int, long)"/>
    public PreparedCommand SetAt(int ordinal, int value)
    {
        if (_boxes[ordinal] is int && ReferenceEquals(_parameters[ordinal].Value, _boxes[ordinal]))
        {
            Unsafe.Unbox<int>(_boxes[ordinal]!) = value;
        }
        else
        {
            _parameters[ordinal].Value = _boxes[ordinal] = value;
        }

        return this;
    }

    /// <summary>
    /// Binds the parameter at <paramref name="ordinal"/> (its place among the distinct <c>@name</c>s, in order of first
    /// appearance): for statements written for many rows (<see cref="RowsCommand"/>), where a lookup by name per value
    /// would cost more than the statement saves.
    /// </summary>
    public PreparedCommand SetAt(int ordinal, object? value)
    {
        _parameters[ordinal].Value = value ?? DBNull.Value;
        return this;
    }

    /// <summary>Runs the statement; the number of rows it changed.</summary>
    public int Execute()
    {
        var rows = Sqlite() is { } statement && statement.TryExecute(_parameters, out var changed) ? changed : Command.ExecuteNonQuery();
        if (rows > 0)
        {
            CountWrite();
        }

        return rows;
    }

    /// <summary>Runs the statement; the first column of its first row, or null.</summary>
    public object? Scalar()
    {
        var value = Sqlite() is { } statement && statement.TryScalar(_parameters, out var first) ? first : Command.ExecuteScalar();
        if (value is not null)
        {
            CountWrite();
        }

        return value;
    }

    /// <summary>
    /// Runs an INSERT of at most one row written with <see cref="ISqlDialect.ReturningId"/> at its end; the new row's id,
    /// or null when it inserted none (its SELECT found nothing, or its conflict clause kept the row out). Not for an
    /// upsert that may update: on SQLite the id is the connection's last inserted row, which an update does not change.
    /// </summary>
    public long? Insert()
    {
        long? id;
        if (Command.Connection is SqliteConnection sqlite)
        {
            var rows = Sqlite() is { } statement && statement.TryExecute(_parameters, out var changed) ? changed : Command.ExecuteNonQuery();
            id = rows > 0 ? SqliteStatement.LastInsertedId(sqlite) : null;
        }
        else
        {
            id = Command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        if (id is not null)
        {
            CountWrite();
        }

        return id;
    }

    /// <summary>Runs the statement for its rows.</summary>
    public DbDataReader Read()
    {
        CountWrite(); // a write that returns rows (RETURNING) counts as written
        return Command.ExecuteReader();
    }

    /// <summary>
    /// On SQLite, the statement bound by position (<see cref="SqliteStatement"/>), prepared at its first run (when the
    /// schema it names exists); null elsewhere.
    /// </summary>
    private SqliteStatement? Sqlite()
    {
        if (_sqlite is { } prepared && !prepared.IsOn(Command.Connection))
        {
            prepared.Dispose(); // the connection was opened again: its statements are new
            _sqlite = null;
            _sqliteTried = false;
        }

        if (!_sqliteTried)
        {
            _sqliteTried = true;
            if (Command.Connection is SqliteConnection connection)
            {
                _sqlite = SqliteStatement.TryPrepare(connection, Command.CommandText, _names);
            }
        }

        return _sqlite;
    }

    private int IndexOf(string name)
    {
        // Names are interned literals on both sides, so the first comparison that matches is usually by reference.
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"The statement has no parameter {name}: {Command.CommandText}", nameof(name));
    }

    private void CountWrite()
    {
        if (_writes.Count == 0)
        {
            return;
        }

        if (_watchVersion != _session.WatchVersion)
        {
            _watched = _session.IsWatched(_writes);
            _watchVersion = _session.WatchVersion;
        }

        if (_watched)
        {
            _session.CountWatchedWrite();
        }
    }

    public void Dispose()
    {
        _sqlite?.Dispose();
        Command.Dispose();
    }
}
