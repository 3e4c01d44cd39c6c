namespace ChatAssistant.Storage;

/// <summary>Times as every table keeps them: Unix milliseconds (UTC) in a 64-bit integer column.</summary>
internal static class StoredTime
{
    public static long From(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset To(long stored) => DateTimeOffset.FromUnixTimeMilliseconds(stored);
}
