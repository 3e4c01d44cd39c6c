using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatAssistant.Storage.Sqlite;

/// <summary>
/// A write-session statement run through SQLite's own API, its parameters bound by position into the statement prepared
/// once. Microsoft.Data.Sqlite binds every parameter by name on every run (a UTF-8 copy of the name and of each text, a
/// walk through the statement's names, a binder object per value): on the message path that was about a third of a
/// message's allocations and much of its time. Used for statements run for their changes or for one value
/// (<see cref="PreparedCommand.Execute"/>, <see cref="PreparedCommand.Scalar"/>), with the values the provider's
/// parameters hold; rows are still read through the provider's reader, and a value of a type not handled here (none on
/// the write path today) goes through the provider too. Errors are the provider's <see cref="SqliteException"/>, with
/// SQLite's codes, as before.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    private SqliteStatement(sqlite3 db, sqlite3_stmt statement, int[] indexes)
    {
        _db = db;
        _statement = statement;
        _indexes = indexes;
    }

    /// <summary>
    /// The statement on the connection's handle; null when the text is not exactly one statement or does not prepare (the
    /// provider then runs it, and reports its error as it always did).
    /// </summary>
    public static SqliteStatement? TryPrepare(SqliteConnection connection, string sql, IReadOnlyList<string> names)
    {
        if (connection.Handle is not { } db || raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail) != raw.SQLITE_OK)
        {
            return null;
        }

        if (statement is null || statement.IsInvalid || !string.IsNullOrWhiteSpace(tail))
        {
            statement?.Dispose();
            return null;
        }

        var indexes = new int[names.Count];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(statement, names[i]);
        }

        return new SqliteStatement(db, statement, indexes);
    }

    /// <summary>
    /// The row id of the row the connection inserted last (<c>sqlite3_last_insert_rowid</c>): the new row's id right after
    /// an INSERT that changed a row, in place of RETURNING (<see cref="PreparedCommand.Insert"/>).
    /// </summary>
    public static long LastInsertedId(SqliteConnection connection) => raw.sqlite3_last_insert_rowid(connection.Handle);

    /// <summary>Whether the statement belongs to the connection's current handle.</summary>
    public bool IsOn(DbConnection? connection) => connection is SqliteConnection sqlite && ReferenceEquals(sqlite.Handle, _db);

    /// <summary>Runs the statement to its end; the rows it changed (-1 for a statement that writes nothing), as the provider counts them. False when a value needs the provider.</summary>
    public bool TryExecute(DbParameter[] parameters, out int changed)
    {
        changed = 0;
        if (!TryBind(parameters))
        {
            return false;
        }

        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            changed = raw.sqlite3_stmt_readonly(_statement) != 0 ? -1 : raw.sqlite3_changes(_db);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>
    /// Runs the statement for the first column of its first row (null without a row, <see cref="DBNull"/> for NULL), as the
    /// provider's scalar. A write with RETURNING has made all its changes at the first step. False when a value needs the provider.
    /// </summary>
    public bool TryScalar(DbParameter[] parameters, out object? value)
    {
        value = null;
        if (!TryBind(parameters))
        {
            return false;
        }

        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                value = Column0();
            }
            else if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return true;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private object Column0() => raw.sqlite3_column_type(_statement, 0) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, 0),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, 0),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(_statement, 0).utf8_to_string(),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_statement, 0).ToArray(),
        _ => DBNull.Value,
    };

    private bool TryBind(DbParameter[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var index = _indexes[i];
            if (index == 0)
            {
                continue;
            }

            var rc = parameters[i].Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(_statement, index),
                long number => raw.sqlite3_bind_int64(_statement, index, number),
                int number => raw.sqlite3_bind_int64(_statement, index, number),
                bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
                double number => raw.sqlite3_bind_double(_statement, index, number),

                string text => raw.sqlite3_bind_text16(_statement, index, text.AsSpan()), // UTF-16 as it is; SQLite copies it
                byte[] { Length: > 0 } bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
                byte[] => raw.sqlite3_bind_zeroblob(_statement, index, 0), // an empty blob, never NULL
                _ => -1,
            };
            if (rc == -1)
            {
                return false;
            }

            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }

        return true;
    }

    public void Dispose() => _statement.Dispose();
}
