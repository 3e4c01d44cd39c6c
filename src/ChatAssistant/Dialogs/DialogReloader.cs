using System.Threading.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Dialogs;

/// <summary>
/// Keeps every live dialog version in the database (so conversations stay on their version across restarts)
/// and, while the worker runs, watches the dialogs folder: a saved file that validates serves new
/// conversations within moments; one that fails is refused and the previous version stays live.
/// </summary>
internal sealed partial class DialogReloader(
    DialogLibrary library,
    ConversationEngine engine,
    ConversationWriter writer,
    IOptions<DialogsOptions> options,
    TimeProvider time,
    ILogger<DialogReloader> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await KeepVersionsAsync(stoppingToken).ConfigureAwait(false);
        if (!options.Value.Watch)
        {
            return;
        }

        using var watcher = new FileSystemWatcher(Path.GetFullPath(library.Folder))
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.EnableRaisingEvents = true;
        LogWatching(logger, library.Folder);

        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Editors save in several writes (and some through a temporary file): wait for the burst to end.
                await Task.Delay(options.Value.ReloadDelay, time, stoppingToken).ConfigureAwait(false);
                _changes.Reader.TryRead(out _);
                await ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void OnChange(object sender, FileSystemEventArgs change)
    {
        if (change.Name is { } name && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            _changes.Writer.TryWrite(true);
        }
    }

    internal async Task ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            engine.Catalog = library.Load();
            await KeepVersionsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogReloadFailed(logger, library.Folder, ex);
        }
    }

    private Task KeepVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = library.LiveVersions();
        return writer.RunAsync((store, now) =>
        {
            foreach (var (dialog, source) in versions)
            {
                store.SaveDialogVersion(dialog.Definition.ContentHash, dialog.Id, dialog.Version, source, now.ToUnixTimeMilliseconds());
            }

            return true;
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for dialog changes")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not reload the dialogs in {Folder}; the live dialogs stay")]
    private static partial void LogReloadFailed(ILogger logger, string folder, Exception exception);
}
