namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// What one run of the broadcast mode of the load harness does (<c>load --broadcast N</c>): <see cref="Recipients"/>
/// owners receive an announcement sent at <see cref="SendRate"/> while <see cref="Chatting"/> other owners chat at
/// <see cref="ChatRate"/> messages per second in all; see <see cref="LoadVerb"/> for each option.
/// </summary>
internal sealed record BroadcastSettings(
    int Recipients,
    int Chatting,
    int SendRate,
    double ChatRate,
    TimeSpan Duration,
    TimeSpan Warmup,
    WireLatency Wire,
    string Folder,
    bool Keep,
    bool Smoke)
{
    /// <summary>The target: an owner chatting during a broadcast gets each reply within a second (p99).</summary>
    public static TimeSpan TargetP99 { get; } = TimeSpan.FromSeconds(1);

    /// <summary>A few seconds with small numbers, for CI (part of <c>load --smoke</c>); it asserts no timing.</summary>
    public static BroadcastSettings ForSmoke(string folder, bool keep) =>
        new(400, 20, 30, 5, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), new WireLatency(30, 80), folder, keep, Smoke: true);
}
