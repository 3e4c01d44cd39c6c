using System.Security.Claims;

namespace ChatAssistant.OperatorConsole;

/// <summary>A signed-in operator: the chat app and their id there, as <c>telegram:123456</c>.</summary>
internal sealed record ConsoleOperator(string Channel, string ChatId)
{
    public string Id => Channel + ":" + ChatId;

    public static ConsoleOperator? Parse(string? id) =>
        id?.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && colon < id.Length - 1
            ? new ConsoleOperator(id[..colon], id[(colon + 1)..])
            : null;

    /// <summary>The operator of a console session (the cookie's one claim), or null when not signed in.</summary>
    public static ConsoleOperator? FromUser(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)) : null;
}
