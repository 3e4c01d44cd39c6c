using System.Globalization;
using ChatAssistant.Storage;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The console's writes, on the writer's session: one-time sign-in links (only their SHA-256 is stored, so the
/// database never holds a link that works), sessions (likewise by hash) and the audit log. Links are issued by the /masuk action inside the
/// operator's message transaction, and redeemed and audited through <see cref="IStoreWriter"/>.
/// </summary>
internal sealed class ConsoleStore(WriteSession session) : IWriteStore
{
    private PreparedCommand? _issue;
    private PreparedCommand? _find;
    private PreparedCommand? _use;
    private PreparedCommand? _audit;
    private PreparedCommand? _forget;
    private PreparedCommand? _start;
    private PreparedCommand? _end;

    public WriteSession Session => session;

    public void IssueLink(byte[] tokenHash, long ownerId, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var command = _issue ??= session.Prepare(
            "INSERT INTO console_links (token_hash, user_id, created_at, expires_at) VALUES (@hash, @user, @now, @expires)");
        command.Set("@hash", tokenHash).Set("@user", ownerId).Set("@now", now.ToUnixTimeMilliseconds()).Set("@expires", expiresAt.ToUnixTimeMilliseconds()).Execute();

        // Links past their time are of no use to anyone (used or not): gone with the next one issued.
        var forget = _forget ??= session.Prepare("DELETE FROM console_links WHERE expires_at <= @now");
        forget.Set("@now", now.ToUnixTimeMilliseconds()).Execute();
    }

    /// <summary>A signed-in session begins: its id's hash, whose it is.</summary>
    public bool StartSession(byte[] idHash, ConsoleOperator who, DateTimeOffset now)
    {
        var command = _start ??= session.Prepare(
            "INSERT INTO console_sessions (id_hash, operator, started_at) VALUES (@hash, @operator, @now)");
        return command.Set("@hash", idHash).Set("@operator", who.Id).Set("@now", now.ToUnixTimeMilliseconds()).Execute() == 1;
    }

    /// <summary>Ends a session (signed out, or its operator no longer is one); its cookie signs in no more. False when it had ended.</summary>
    public bool EndSession(byte[] idHash, DateTimeOffset now)
    {
        var command = _end ??= session.Prepare("UPDATE console_sessions SET ended_at = @now WHERE id_hash = @hash AND ended_at IS NULL");
        return command.Set("@hash", idHash).Set("@now", now.ToUnixTimeMilliseconds()).Execute() == 1;
    }

    /// <summary>
    /// Uses the link with this hash once: the operator it was issued to (their channel and chat id), or null when there
    /// is no such link, it was used before, or it has expired.
    /// </summary>
    public ConsoleOperator? Redeem(byte[] tokenHash, DateTimeOffset now)
    {
        var find = _find ??= session.Prepare(
            "SELECT u.channel, u.chat_id FROM console_links l JOIN users u ON u.id = l.user_id "
            + "WHERE l.token_hash = @hash AND l.used_at IS NULL AND l.expires_at > @now");
        find.Set("@hash", tokenHash).Set("@now", now.ToUnixTimeMilliseconds());
        ConsoleOperator? found = null;
        using (var reader = find.Read())
        {
            if (reader.Read())
            {
                found = new ConsoleOperator(reader.GetString(0), reader.GetString(1));
            }
        }

        if (found is not null)
        {
            var use = _use ??= session.Prepare("UPDATE console_links SET used_at = @now WHERE token_hash = @hash");
            use.Set("@hash", tokenHash).Set("@now", now.ToUnixTimeMilliseconds()).Execute();
        }

        return found;
    }

    /// <summary>Writes one row of the audit log: who did what, when, and on what (a broadcast id, a programme...).</summary>
    public long Audit(ConsoleOperator who, string action, string? detail, DateTimeOffset now)
    {
        var command = _audit ??= session.Prepare(
            "INSERT INTO console_audit (at, operator, action, detail) VALUES (@at, @operator, @action, @detail) RETURNING id");
        command.Set("@at", now.ToUnixTimeMilliseconds()).Set("@operator", who.Id).Set("@action", action).Set("@detail", detail);
        return Convert.ToInt64(command.Scalar(), CultureInfo.InvariantCulture);
    }
}
