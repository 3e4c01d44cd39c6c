using System.Security.Claims;
using ChatAssistant.Shared;
using ChatAssistant.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// Console sessions are rows on the server as well as cookies: every request checks its session is still live and its
/// operator is still configured, so signing out, or removing someone from <c>Operators</c> and restarting, ends a
/// session at once instead of when its cookie would have expired.
/// </summary>
internal sealed class ConsoleSessions(IStorageProvider provider, IStoreWriter writer, ConsoleStore store, IOptions<OperatorOptions> operators)
{
    /// <summary>The claim that carries the session's random id.</summary>
    public const string IdClaim = "console_session_id";

    public static string NewId() => ConsoleActions.NewToken();

    public Task StartAsync(string id, ConsoleOperator who, CancellationToken cancellationToken) =>
        writer.RunAsync(store, (s, now) => s.StartSession(ConsoleActions.Hash(id), who, now), cancellationToken);

    public Task EndAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.FindFirstValue(IdClaim) is { } id
            ? writer.RunAsync(store, (s, now) => s.EndSession(ConsoleActions.Hash(id), now), cancellationToken)
            : Task.CompletedTask;

    /// <summary>The cookie handler's check on every request: a session that ended, or whose operator left, is refused.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var who = ConsoleOperator.FromUser(context.Principal);
        var id = context.Principal?.FindFirstValue(IdClaim);
        if (who is not null && id is not null && IsLive(id) && StillOperator(who))
        {
            return;
        }

        if (id is not null)
        {
            await writer.RunAsync(store, (s, now) => s.EndSession(ConsoleActions.Hash(id), now), context.HttpContext.RequestAborted).ConfigureAwait(false);
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }

    private bool IsLive(string id)
    {
        // A plain command: Dapper would spread a byte[] parameter out as a list.
        using var connection = provider.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM console_sessions WHERE id_hash = @hash AND ended_at IS NULL";
        var hash = command.CreateParameter();
        hash.ParameterName = "@hash";
        hash.Value = ConsoleActions.Hash(id);
        command.Parameters.Add(hash);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Whether the operator may still be one. A WhatsApp chat keyed by a BSUID may have been let in by the phone number
    /// it wrote from, which the console does not see: that is refused only once no phone number is configured at all.
    /// </summary>
    private bool StillOperator(ConsoleOperator who)
    {
        var configured = operators.Value;
        if (configured.IsOperator(who.Channel, who.ChatId, who.ChatId))
        {
            return true;
        }

        return who.Channel == ChannelNames.WhatsApp && !IsPhoneNumber(who.ChatId) && configured.WhatsAppIds.Any(IsPhoneNumber);
    }

    private static bool IsPhoneNumber(string id) => id.Length > 0 && id.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
