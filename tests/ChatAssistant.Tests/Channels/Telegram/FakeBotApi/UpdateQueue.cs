using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// Inbound updates waiting for getUpdates, with Telegram's rule that an update stays until a getUpdates call
/// confirms it with a higher offset, and a signal that wakes a parked long poll as soon as one arrives. Each is
/// kept as the JSON that getUpdates returns, so a test can also queue bytes Telegram.Bot could never write
/// (a lone surrogate, bytes that are not UTF-8, a field of the wrong type). Ids are 64-bit and only grow.
/// </summary>
internal sealed class UpdateQueue
{
    private readonly Lock _gate = new();
    private readonly List<(long Id, byte[] Json)> _pending = [];
    private long _lastId;
    private TaskCompletionSource _arrived = NewSignal();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The next update_id, for an update that is delivered another way (a webhook post).</summary>
    public long NextId() => Interlocked.Increment(ref _lastId);

    /// <summary>Queues the update built for the next update_id and wakes any parked long poll.</summary>
    public long Add(Func<int, Update> create) => AddRaw(id =>
    {
        // Telegram.Bot's update id is 32-bit; past it (after a raw update with a huge id) the id is written in.
        var update = create(id <= int.MaxValue ? (int)id : 0);
        if (id <= int.MaxValue)
        {
            return JsonSerializer.SerializeToUtf8Bytes(update, JsonBotAPI.Options);
        }

        var node = JsonSerializer.SerializeToNode(update, JsonBotAPI.Options)!.AsObject();
        node["update_id"] = id;
        return JsonSerializer.SerializeToUtf8Bytes(node);
    });

    /// <summary>
    /// Queues the bytes built for the next update_id (or for <paramref name="id"/>, after which ids go on from
    /// it, as Telegram's only grow) and wakes any parked long poll.
    /// </summary>
    public long AddRaw(Func<long, byte[]> create, long? id = null)
    {
        TaskCompletionSource arrived;
        long assigned;
        lock (_gate)
        {
            assigned = id is { } given && given > _lastId ? given : _lastId + 1;
            _lastId = assigned;
            _pending.Add((assigned, create(assigned)));
            arrived = _arrived;
            _arrived = NewSignal();
        }

        arrived.TrySetResult();
        return assigned;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    /// <summary>
    /// Confirms what <paramref name="offset"/> confirms, then returns up to <paramref name="limit"/> updates, or an empty
    /// batch and the task that completes when the next update arrives (taken atomically, so no arrival is missed).
    /// </summary>
    public byte[][] Take(long? offset, int limit, out Task arrival)
    {
        lock (_gate)
        {
            if (offset is < 0)
            {
                // A negative offset keeps only the last -offset updates and forgets all before them.
                var keep = (int)Math.Min(-offset.Value, _pending.Count);
                _pending.RemoveRange(0, _pending.Count - keep);
            }
            else if (offset is { } confirmedBelow)
            {
                _pending.RemoveAll(update => update.Id < confirmedBelow);
            }

            arrival = _arrived.Task;
            return _pending.Take(limit).Select(update => update.Json).ToArray();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
