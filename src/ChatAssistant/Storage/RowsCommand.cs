namespace ChatAssistant.Storage;

/// <summary>
/// One statement written for 1 to <see cref="MaxRows"/> rows (a multi-row insert, an <c>IN</c> list), prepared for
/// each row count the first time it is needed: a batch's rows go to the database in one statement instead of one each,
/// which is most of what a row costs. Its text comes from <c>sqlFor(rows)</c>; each row's parameters are numbered
/// (<c>@c0, @m0, @c1, @m1...</c>) and bound by their place with <see cref="PreparedCommand.SetAt"/>.
/// </summary>
internal sealed class RowsCommand(WriteSession session, Func<int, string> sqlFor, int maxRows)
{
    private readonly PreparedCommand?[] _prepared = new PreparedCommand?[maxRows + 1];

    public int MaxRows => maxRows;

    /// <summary>The statement for <paramref name="rows"/> rows (1 to <see cref="MaxRows"/>).</summary>
    public PreparedCommand For(int rows) => _prepared[rows] ??= session.Prepare(sqlFor(rows));

    /// <summary><c>(@a0, @b0), (@a1, @b1)...</c>: the values lists of <paramref name="rows"/> rows, each of the given parameters numbered.</summary>
    public static string Rows(int rows, params string[] parameters)
    {
        var text = new System.Text.StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var i = 0; i < parameters.Length; i++)
            {
                text.Append(i == 0 ? "@" : ", @").Append(parameters[i]).Append(row.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    /// <summary><c>@a0, @a1...</c>: one numbered parameter per row, for an <c>IN</c> list.</summary>
    public static string List(int rows, string parameter) =>
        string.Join(", ", Enumerable.Range(0, rows).Select(row => "@" + parameter + row.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
