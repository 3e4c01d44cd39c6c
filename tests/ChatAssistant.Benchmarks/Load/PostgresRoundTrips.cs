using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ChatAssistant.Benchmarks.Load;

/// <summary>
/// Counts the statements this process sends to PostgreSQL while it is listening, by text, from Npgsql's own tracing
/// (one activity per command run; each is one round trip to the server, since every statement here is run alone).
/// Exact where timings are not, so it says what the full path sends per message beside the raw ceiling. Listen only
/// outside the measured phases: the activities themselves allocate.
/// </summary>
internal sealed class PostgresRoundTrips : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _statements = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public PostgresRoundTrips()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
                _statements.AddOrUpdate(Shorten(text), 1, (_, count) => count + 1);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Total => _statements.Values.Sum();

    /// <summary>How many times a statement whose text contains <paramref name="fragment"/> ran.</summary>
    public int Count(string fragment) => _statements.Where(s => s.Key.Contains(fragment, StringComparison.Ordinal)).Sum(s => s.Value);

    /// <summary>Each statement's runs per message, most first.</summary>
    public IEnumerable<string> PerMessage(int messages) =>
        _statements.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Value / (double)messages,6:F2}  {s.Key}"));

    private static string Shorten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 110 ? line : line[..107] + "...";
    }

    public void Dispose() => _listener.Dispose();
}
