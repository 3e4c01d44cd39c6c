using Microsoft.Playwright;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// A browser test of the console: each test gets a worker process of its own on the stand-in Telegram server
/// (<see cref="ConsoleStand"/>), started before the test and killed after it.
/// </summary>
public abstract class ConsoleE2eTest : IAsyncLifetime
{
    private ConsoleStand? _stand;

    internal ConsoleStand Stand => _stand ?? throw new InvalidOperationException("The stand has not started.");

    /// <summary>
    /// How a test waits for the page a click leads to: until the address changed (the navigation committed), with the
    /// stand's patience; what it looks for next waits by itself. Waiting for the load event as well failed CI once with
    /// the page there (Playwright's log: "NetworkIdle" fired, "load" never seen; a 20 s timeout).
    /// </summary>
    private protected static PageWaitForURLOptions Navigated => new() { WaitUntil = WaitUntilState.Commit, Timeout = (float)ConsoleStand.Patience.TotalMilliseconds };

    public async Task InitializeAsync() => _stand = await ConsoleStand.StartAsync();

    public async Task DisposeAsync()
    {
        if (_stand is not null)
        {
            await _stand.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
