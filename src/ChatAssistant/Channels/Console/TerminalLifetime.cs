using Microsoft.Extensions.Hosting;

namespace ChatAssistant.Channels.Console;

/// <summary>
/// The chat verb's host lifetime: it leaves Ctrl+C to the runtime, which ends the process at once. That is
/// safe because every line is committed before the next one is read; an unprinted reply prints next time.
/// </summary>
internal sealed class TerminalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
