namespace ChatAssistant.Benchmarks.Load;

/// <summary>What one cold-start run of the harness does (<c>load --cold-start</c>); see <see cref="LoadVerb"/>.</summary>
/// <param name="App">A published folder to start; null to publish one ReadyToRun first (or, with <paramref name="Smoke"/>, to use the build beside the harness).</param>
/// <param name="Runs">Processes started, one after the other, each on a fresh database.</param>
/// <param name="Message">What the owner sends on the first getUpdates.</param>
/// <param name="Folder">Where the scratch folder (the publish, each run's database and dialogs) goes.</param>
/// <param name="Keep">Keep the scratch folder.</param>
/// <param name="Smoke">One run of the build beside the harness (no publish), for CI: checks a reply comes, asserts no timing.</param>
internal sealed record ColdStartSettings(string? App, int Runs, string Message, string Folder, bool Keep, bool Smoke)
{
    /// <summary>One run, of the build beside the harness: a second or two, no publish.</summary>
    public static ColdStartSettings ForSmoke(string folder, bool keep) => new(App: null, Runs: 1, DefaultMessage, folder, keep, Smoke: true);

    /// <summary>A shipped dialog's command, so the first reply runs the engine, not just the menu.</summary>
    public const string DefaultMessage = "/stimulus";
}
