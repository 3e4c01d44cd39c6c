using Telegram.Bot.Types;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// Inbound updates waiting for getUpdates, with Telegram's rule that an update stays until a getUpdates call
/// confirms it with a higher offset, and a signal that wakes a parked long poll as soon as one arrives.
/// </summary>
internal sealed class UpdateQueue
{
    private readonly Lock _gate = new();
    private readonly List<Update> _pending = [];
    private int _lastId;
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
    public int NextId() => Interlocked.Increment(ref _lastId);

    /// <summary>Queues the update built for the next update_id and wakes any parked long poll.</summary>
    public int Add(Func<int, Update> create)
    {
        TaskCompletionSource arrived;
        int id;
        lock (_gate)
        {
            id = Interlocked.Increment(ref _lastId);
            _pending.Add(create(id));
            arrived = _arrived;
            _arrived = NewSignal();
        }

        arrived.TrySetResult();
        return id;
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
    public Update[] Take(int? offset, int limit, out Task arrival)
    {
        lock (_gate)
        {
            if (offset is < 0)
            {
                // A negative offset keeps only the last -offset updates and forgets all before them.
                var keep = Math.Min(-offset.Value, _pending.Count);
                _pending.RemoveRange(0, _pending.Count - keep);
            }
            else if (offset is { } confirmedBelow)
            {
                _pending.RemoveAll(update => update.Id < confirmedBelow);
            }

            arrival = _arrived.Task;
            return _pending.Take(limit).ToArray();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
