namespace ChatAssistant.Storage;

/// <summary>
/// What a statement's text says about it, read once when it is prepared: its named parameters (<c>@name</c>) and
/// the tables it writes. String literals and comments are skipped; quoted names are names.
/// </summary>
internal static class SqlText
{
    /// <summary>Every distinct <c>@name</c> in order of first appearance, with the <c>@</c>, interned.</summary>
    public static IReadOnlyList<string> Parameters(string sql)
    {
        var names = new List<string>();
        foreach (var (start, length) in Words(sql, parameters: true))
        {
            var name = string.Intern(sql.Substring(start, length));
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The tables the statement inserts into, updates or deletes from (lower case).</summary>
    public static IReadOnlyList<string> WrittenTables(string sql)
    {
        var words = new List<string>();
        foreach (var (start, length) in Words(sql, parameters: false))
        {
            words.Add(sql.Substring(start, length).ToLowerInvariant());
        }

        var tables = new List<string>();
        for (var i = 0; i < words.Count - 1; i++)
        {
            var table = words[i] switch
            {
                "into" when i > 0 && IsInsert(words, i) => words[i + 1],
                "update" when i == 0 || words[i - 1] != "do" => words[i + 1],
                "from" when i > 0 && words[i - 1] == "delete" => words[i + 1],
                _ => null,
            };
            if (table is not null && !tables.Contains(table))
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    // INSERT [OR IGNORE|REPLACE|...] INTO t
    private static bool IsInsert(List<string> words, int into) =>
        words[into - 1] == "insert" || (into >= 3 && words[into - 2] == "or" && words[into - 3] == "insert");

    /// <summary>Identifier-like words (or, with <paramref name="parameters"/>, only <c>@name</c>s) outside literals and comments.</summary>
    private static IEnumerable<(int Start, int Length)> Words(string sql, bool parameters)
    {
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var start = ++i;
                while (i < sql.Length && sql[i] != close)
                {
                    i++;
                }

                if (c != '\'' && !parameters && i > start)
                {
                    yield return (start, i - start); // a quoted name
                }

                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '@' || char.IsLetter(c) || c == '_')
            {
                var start = i++;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }

                if ((c == '@') == parameters && i - start > (parameters ? 1 : 0))
                {
                    yield return (start, i - start);
                }
            }
            else
            {
                i++;
            }
        }
    }
}
