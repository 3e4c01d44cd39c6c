namespace ChatAssistant.Shared;

/// <summary>
/// The process's one source of randomness (backoff jitter), registered in DI so that tests can give a fixed one.
/// A <see cref="Random"/> is not safe to share between threads, so every draw takes a lock; draws are rare (only
/// after failures), so the lock costs nothing that matters.
/// </summary>
internal sealed class SharedRandom : Random
{
    private readonly Lock _lock = new();

    public override int Next()
    {
        lock (_lock)
        {
            return base.Next();
        }
    }

    public override int Next(int maxValue)
    {
        lock (_lock)
        {
            return base.Next(maxValue);
        }
    }

    public override int Next(int minValue, int maxValue)
    {
        lock (_lock)
        {
            return base.Next(minValue, maxValue);
        }
    }

    public override long NextInt64()
    {
        lock (_lock)
        {
            return base.NextInt64();
        }
    }

    public override long NextInt64(long maxValue)
    {
        lock (_lock)
        {
            return base.NextInt64(maxValue);
        }
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        lock (_lock)
        {
            return base.NextInt64(minValue, maxValue);
        }
    }

    public override double NextDouble()
    {
        lock (_lock)
        {
            return base.NextDouble();
        }
    }

    public override float NextSingle()
    {
        lock (_lock)
        {
            return base.NextSingle();
        }
    }

    public override void NextBytes(byte[] buffer)
    {
        lock (_lock)
        {
            base.NextBytes(buffer);
        }
    }

    public override void NextBytes(Span<byte> buffer)
    {
        lock (_lock)
        {
            base.NextBytes(buffer);
        }
    }

    protected override double Sample()
    {
        lock (_lock)
        {
            return base.Sample();
        }
    }
}
