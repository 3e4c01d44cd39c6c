using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Conversations;

/// <summary>Configuration section <c>Conversations</c>.</summary>
internal sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>
    /// Most inbound messages committed in one transaction. Under load, batching amortises the commit; when
    /// traffic is light each message commits alone, so latency stays low.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Inbound messages waiting for the writer before channels are made to wait (back-pressure).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Owners' sessions the writer keeps in memory between messages, so that active owners' state is not read
    /// back from the database with each message (about 1-2 KB each). 0 reads every session from the database.
    /// </summary>
    [Range(0, 10_000_000)]
    public int SessionCacheSize { get; set; } = 20_000;

    /// <summary>
    /// Replies waiting for one chat before the reply to a further message is added to the last waiting one
    /// rather than queued as another message (a flood of a hundred messages gets a few long replies, not a
    /// hundred menus, and no answer is lost; an owner who just types fast is not affected). At least 2, so that the reply merged into is never on the wire.
    /// </summary>
    [Range(2, 1000)]
    public int CoalesceRepliesAfter { get; set; } = 5;
}
