namespace ChatAssistant.Benchmarks.Load;

/// <summary>What one run of the load harness does; see <see cref="LoadVerb"/> for each option's meaning.</summary>
internal sealed record LoadSettings(
    int Stored,
    int Active,
    OwnerLayout Layout,
    int Messages,
    int Rounds,
    int Warmup,
    int Rate,
    int Concurrency,
    int BatchSize,
    int RawBatchSize,
    string Folder,
    bool Keep,
    bool Breakdown,
    bool Smoke,
    string? SeededCache = null);
