namespace ChatAssistant.Tests.Architecture;

/// <summary>A folder edge against the direction, with one place that makes it.</summary>
internal sealed record Violation(string From, string To, string Rule, string Example)
{
    public override string ToString() => $"{From} -> {To}: {Rule}; e.g. {Example}";
}

/// <summary>
/// Which folder of the executable may use which (docs/architecture.md): Hosting on top and used by nothing;
/// channels use only the channel boundary, the outbox's channel interface and its messages, Health's probe and
/// call recording, and Shared; features use Conversations, Outbox, Storage, Shared and each other only along
/// <see cref="FeatureEdges"/>; Conversations may use Outbox, never the other way; Storage uses only Shared.
/// Every allowed edge points down, so a graph with no violation has no cycle.
/// </summary>
internal static class DependencyRules
{
    public const string Hosting = "Hosting";
    public const string Shared = "Shared";
    public const string Storage = "Storage";
    public const string Outbox = "Outbox";
    public const string Conversations = "Conversations";
    public const string ChannelBoundary = "Channels";

    /// <summary>
    /// The operator console in the browser: above the features (it shows and drives them) and below Hosting; it
    /// maps its pages onto the shared web host through the channel boundary's <c>IWebhookEndpoints</c>, and no
    /// channel or feature depends on it.
    /// </summary>
    public const string OperatorConsole = "OperatorConsole";

    /// <summary>A channel: any folder under Channels/ (Telegram, Console, WhatsApp...); Channels/ itself is the boundary.</summary>
    public static bool IsChannel(string folder) => folder.StartsWith(ChannelBoundary + ".", StringComparison.Ordinal);

    public static IReadOnlySet<string> Features { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Broadcasts", "Training", "Privacy", "Reports", "DeadLetters", "Health", "Operators", "DialogFolder", "Handoff",
        "Migrate", "Reminders",
    };

    /// <summary>The feature -> feature uses allowed; the test checks that they form no cycle.</summary>
    public static IReadOnlyList<(string From, string To)> FeatureEdges { get; } =
    [
        ("Broadcasts", "Operators"),
        ("Broadcasts", "Training"),
        ("DeadLetters", "Operators"),
        ("DialogFolder", "Operators"),
        ("Health", "Operators"),
        ("Migrate", "Operators"),
        ("Privacy", "Broadcasts"),
        ("Privacy", "DialogFolder"),
        ("Privacy", "Reminders"), // erasing an owner's data cancels reminders that speak of it
        ("Privacy", "Training"),
        ("Reminders", "Broadcasts"), // quiet hours and WhatsApp's approved templates
        ("Reminders", "DialogFolder"), // reminders.yaml beside the dialogs
        ("Reminders", "Operators"), // reminders list: the operators' verb host
        ("Reminders", "Training"), // what training reminders remind of
        ("Reports", "Broadcasts"),
        ("Reports", "Operators"),
        ("Reports", "Reminders"), // reminders per kind and the training follow-up's ratings
        ("Training", "DialogFolder"),
        ("Training", "Operators"),
    ];

    /// <summary>What a channel may use of the outbox: the interface it implements and what passes through it (and the delivery reports it hands to the inbox).</summary>
    public static IReadOnlySet<string> ChannelOutboxTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Outbox.IOutboxChannel", "Outbox.OutboxMessage", "Outbox.OutboxTemplate", "Outbox.SendResult", "Outbox.SendOutcome", "Outbox.OutboxButtons",
        "Outbox.DeliveryReport", "Outbox.DeliveryState", "Outbox.DeliveryStates", "Outbox.DeliveryChange",
    };

    /// <summary>What a channel may use of Health: the probe it offers and the recording of its calls.</summary>
    public static IReadOnlySet<string> ChannelHealthTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Health.IChannelProbe", "Health.ChannelCallHandler", "Health.ChannelCalls",
    };

    private static readonly Dictionary<string, string[]> Below = new(StringComparer.Ordinal)
    {
        [Shared] = [],
        [Storage] = [Shared],
        [Outbox] = [Storage, Shared],
        [ChannelBoundary] = [Shared],
        [Conversations] = [ChannelBoundary, Outbox, Storage, Shared],
    };

    /// <summary>
    /// The folder as the rules see it: a storage provider's folder (<c>Storage/Sqlite</c>) is part of the storage
    /// layer, whose seam picks the provider; the console's pages and their areas (<c>OperatorConsole/Pages</c>,
    /// <c>OperatorConsole/Broadcasts</c>) are the console.
    /// </summary>
    public static string Layer(string folder) =>
        folder.StartsWith(Storage + ".", StringComparison.Ordinal) ? Storage
        : folder.StartsWith(OperatorConsole + ".", StringComparison.Ordinal) ? OperatorConsole
        : folder;

    /// <summary>The distinct folder edges of the graph, by <see cref="Layer"/>.</summary>
    public static IEnumerable<(string From, string To)> Edges(FolderGraph graph) =>
        graph.Uses.Select(u => (From: Layer(u.From), To: Layer(u.To))).Where(e => e.From != e.To).Distinct();

    /// <summary>Null when <paramref name="from"/> may use <paramref name="toType"/> of folder <paramref name="to"/>, else the rule it breaks.</summary>
    public static string? Broken(string from, string to, string toType)
    {
        if (from == Hosting)
        {
            return null;
        }

        if (to == Hosting)
        {
            return "nothing depends on Hosting (composition only)";
        }

        if (to == OperatorConsole)
        {
            return "only Hosting uses the operator console (it sits above the features)";
        }

        if (from == OperatorConsole)
        {
            return to == ChannelBoundary || to == Conversations || Below[Conversations].Contains(to) || Features.Contains(to)
                ? null
                : "the operator console uses the features, Conversations, Outbox, Storage, Shared and the channel boundary only";
        }

        if (from == ChannelBoundary && to == Outbox)
        {
            // The boundary hands a channel what passes through IOutboxChannel, nothing more of the outbox.
            return ChannelOutboxTypes.Contains(toType) ? null : "the channel boundary uses only Shared and IOutboxChannel's messages";
        }

        if (IsChannel(from))
        {
            var allowed = to == ChannelBoundary || to == Shared
                || (to == Outbox && ChannelOutboxTypes.Contains(toType))
                || (to == "Health" && ChannelHealthTypes.Contains(toType));
            return allowed ? null : "a channel uses only the channel boundary, IOutboxChannel and its messages, Health's probe and call recording, and Shared";
        }

        if (Features.Contains(from))
        {
            return (Below[Conversations].Contains(to) && to != ChannelBoundary) || to == Conversations || FeatureEdges.Contains((from, to))
                ? null
                : Features.Contains(to)
                    ? "a feature uses another only along DependencyRules.FeatureEdges (kept acyclic)"
                    : "a feature uses only Conversations, Outbox, Storage, Shared and the features listed in DependencyRules.FeatureEdges";
        }

        if (Below.TryGetValue(from, out var below))
        {
            return below.Contains(to) ? null : $"{from} uses only {(below.Length == 0 ? "nothing of the app" : string.Join(", ", below))}";
        }

        return "a folder the rules do not know: give it a layer in DependencyRules";
    }

    /// <summary>Every folder edge against the rules, one example each, ordered.</summary>
    public static IReadOnlyList<Violation> Check(FolderGraph graph)
    {
        var found = new SortedDictionary<(string, string), Violation>();
        foreach (var use in graph.Uses.OrderBy(u => u.Example, StringComparer.Ordinal))
        {
            var (from, to) = (Layer(use.From), Layer(use.To));
            if (from != to && Broken(from, to, use.ToType) is { } rule)
            {
                found.TryAdd((from, to), new Violation(from, to, rule, use.Example));
            }
        }

        return [.. found.Values];
    }

    /// <summary>A cycle among the edges, as "A -> B -> A", or null.</summary>
    public static string? Cycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var state = new Dictionary<string, bool>(); // false: on the current path; true: done
        var path = new List<string>();
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        string? Visit(string node)
        {
            if (state.TryGetValue(node, out var done))
            {
                return done ? null : string.Join(" -> ", path.Skip(path.IndexOf(node)).Append(node));
            }

            state[node] = false;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }
    }
}
