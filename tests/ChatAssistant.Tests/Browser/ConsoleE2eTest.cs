namespace ChatAssistant.Tests.Browser;

/// <summary>
/// A browser test of the console: each test gets a worker process of its own on the stand-in Telegram server
/// (<see cref="ConsoleStand"/>), started before the test and killed after it.
/// </summary>
public abstract class ConsoleE2eTest : IAsyncLifetime
{
    private ConsoleStand? _stand;

    internal ConsoleStand Stand => _stand ?? throw new InvalidOperationException("The stand has not started.");

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
