using System.Buffers.Text;
using System.Security.Cryptography;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Values;
using Microsoft.Extensions.Options;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The operators' /masuk (/login): a one-time link to the console, valid <see cref="ConsoleOptions.LinkLifetime"/>.
/// Runs on the writer inside the operator's message transaction, so the link exists exactly when the reply naming it
/// is committed. The dialog (<c>dialogs/console-login.yaml</c>) is for operators only: anyone else gets the
/// unknown-command answer.
/// </summary>
internal sealed class ConsoleActions(ConsoleStore store, IOptions<ConsoleOptions> options) : IDialogActionHandler
{
    public const string Link = "console_link";

    public IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { Link };

    public IReadOnlyDictionary<string, DialogValue> Run(string action, UserSession session, ConversationState conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (action != Link)
        {
            throw new ArgumentException($"ConsoleActions has no action '{action}'.", nameof(action));
        }

        var console = options.Value;
        if (!console.Enabled || !session.IsOperator || session.OwnerId == 0)
        {
            return new Dictionary<string, DialogValue>(StringComparer.Ordinal) { ["console_enabled"] = DialogValue.FromBool(false) };
        }

        var token = NewToken();
        store.IssueLink(Hash(token), session.OwnerId, now, now + console.LinkLifetime);
        return new Dictionary<string, DialogValue>(StringComparer.Ordinal)
        {
            ["console_enabled"] = DialogValue.FromBool(true),
            ["console_link"] = DialogValue.FromText(console.LinkFor(token)),
            ["console_minutes"] = DialogValue.FromNumber((decimal)Math.Ceiling(console.LinkLifetime.TotalMinutes)),
        };
    }

    /// <summary>256 random bits, URL-safe: a link nobody can guess.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>What is stored of a token: its SHA-256 (the token has all the entropy a slow hash would add).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
