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
    /// How a test waits for the page a click leads to: until the address is the one given, with the stand's patience;
    /// what it looks for next waits by itself. Not <c>WaitForURLAsync</c>: when the address already matches it waits for
    /// the load event as well, whatever its <c>WaitUntil</c>, and a busy CI machine twice had the page there with "load"
    /// never seen by Playwright (its log: "NetworkIdle" fired; 20 and 90 s timeouts).
    /// </summary>
    private protected static Task NavigatedAsync(IPage page, string url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = (float)ConsoleStand.Patience.TotalMilliseconds });

    /// <inheritdoc cref="NavigatedAsync(IPage, string)"/>
    private protected static Task NavigatedAsync(IPage page, System.Text.RegularExpressions.Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = (float)ConsoleStand.Patience.TotalMilliseconds });

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
