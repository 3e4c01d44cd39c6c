using System.Threading.Channels;
using ChatAssistant.Conversations;
using ChatAssistant.Dialogs.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// Keeps every live dialog version in the database (so conversations stay on their version across restarts)
/// and, while the worker runs, watches the dialogs folder: a saved file that validates serves new
/// conversations within moments; one that fails is refused and the previous version stays live. At start, a
/// file that fails is served from the version of it kept in the database. Nothing a reload meets stops the
/// worker: every failure is logged and the live dialogs stay. A check every <see cref="DialogsOptions.FolderCheckInterval"/>
/// notices what the file watcher cannot: the folder deleted, recreated or replaced, or any change the watcher
/// missed (the watcher is then armed again on the folder that is there now). The YAML files of its data folder
/// (data/programmes.yaml, which dialogs cite) count as dialog files: a saved rule is served like a saved dialog.
/// </summary>
internal sealed class DialogReloader(
    DialogLibrary library,
    ConversationEngine engine,
    ConversationWriter writer,
    DialogVersionStore versions,
    IOptions<DialogsOptions> options,
    TimeProvider time,
    ILogger<DialogReloader> logger) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Serves stored versions of refused files before the channels start, so no owner meets a missing dialog.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ServeStoredVersionsAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await KeepVersionsSafelyAsync(stoppingToken).ConfigureAwait(false);
        if (!options.Value.Watch)
        {
            return;
        }

        var folder = Path.GetFullPath(library.Folder);
        var stamp = FolderStamp.Of(folder);
        var watcher = Arm(folder);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = await WaitForChangeAsync(stoppingToken).ConfigureAwait(false);
                var now = FolderStamp.Of(folder);
                if (now.Exists != stamp.Exists || (!changed && now != stamp))
                {
                    // The folder came or went, or changed without a word from the watcher: it may watch a folder
                    // that was deleted, recreated or swapped for another. Watch what is there now.
                    watcher?.Dispose();
                    watcher = Arm(folder);
                    Log.FolderReplaced(logger, library.Folder, now.Exists);
                    changed = true;
                }

                if (!changed)
                {
                    continue;
                }

                // Editors save in several writes (and some through a temporary file): wait for the burst to end.
                await Task.Delay(options.Value.ReloadDelay, time, stoppingToken).ConfigureAwait(false);
                _changes.Reader.TryRead(out _);
                stamp = FolderStamp.Of(folder);
                await ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    /// <summary>True when the watcher reported a change; false when the check interval passed first.</summary>
    private async Task<bool> WaitForChangeAsync(CancellationToken stoppingToken)
    {
        using var interval = new CancellationTokenSource(options.Value.FolderCheckInterval, time);
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
        try
        {
            return await _changes.Reader.WaitToReadAsync(tick.Token).ConfigureAwait(false) && _changes.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private FileSystemWatcher? Arm(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return null;
            }

            var watcher = new FileSystemWatcher(folder)
            {
                // Subfolders for data/; events from the others (tests/) are ignored in OnChange.
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.Error += (_, _) => _changes.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            Log.Watching(logger, library.Folder);
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // The periodic check still notices changes; the watcher only makes it quicker.
            Log.WatchFailed(logger, library.Folder, ex);
            return null;
        }
    }

    private void OnChange(object sender, FileSystemEventArgs change)
    {
        if (change.Name is { } name && (Matters(name) || (change is RenamedEventArgs { OldName: { } old } && Matters(old))))
        {
            _changes.Writer.TryWrite(true);
        }
    }

    /// <summary>A YAML file of the folder or of its data folder, or the data folder itself (created, deleted, renamed).</summary>
    internal static bool Matters(string relativeName)
    {
        var folder = Path.GetDirectoryName(relativeName);
        return string.IsNullOrEmpty(folder)
            ? DialogFiles.IsYaml(relativeName) || relativeName == DialogFiles.DataFolder
            : folder == DialogFiles.DataFolder && DialogFiles.IsYaml(relativeName);
    }

    internal async Task ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            engine.Catalog = library.Load();
            await KeepVersionsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // whatever a reload meets (a missing folder, a full disk, a bug), the live dialogs stay
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReloadFailed(logger, library.Folder, ex);
        }
    }

    private async Task ServeStoredVersionsAsync(CancellationToken cancellationToken)
    {
        if (library.RefusedWithoutLiveVersion.Count == 0)
        {
            return;
        }

        try
        {
            var stored = await writer.RunAsync(versions, (kept, _) => kept.Latest(), cancellationToken).ConfigureAwait(false);
            engine.Catalog = library.ServeStored(stored);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // without the stored versions the worker still serves every dialog that loaded
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.StoredVersionsFailed(logger, ex);
        }
    }

    private async Task KeepVersionsSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await KeepVersionsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // versions not kept now are kept at the next reload; the dialogs are served anyway
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.KeepFailed(logger, ex);
        }
    }

    private Task KeepVersionsAsync(CancellationToken cancellationToken)
    {
        var live = library.LiveVersions();
        return writer.RunAsync(versions, (kept, now) =>
        {
            foreach (var (dialog, source) in live)
            {
                kept.Save(dialog.Definition.ContentHash, dialog.Id, dialog.Version, source, now.ToUnixTimeMilliseconds());
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>What the periodic check compares: whether the folder is there, and its dialog and data files.</summary>
    internal sealed record FolderStamp(bool Exists, string Files)
    {
        public static FolderStamp Of(string folder)
        {
            try
            {
                var info = new DirectoryInfo(folder);
                if (!info.Exists)
                {
                    return new FolderStamp(false, string.Empty);
                }

                var data = new DirectoryInfo(Path.Combine(folder, DialogFiles.DataFolder));
                var files = string.Join('\n', Stamps(info, string.Empty).Concat(data.Exists ? Stamps(data, DialogFiles.DataFolder + "/") : []));
                return new FolderStamp(true, files);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new FolderStamp(false, string.Empty);
            }
        }

        private static IEnumerable<string> Stamps(DirectoryInfo folder, string prefix) => folder.EnumerateFiles()
            .Where(f => DialogFiles.IsYaml(f.Name))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{prefix}{f.Name}|{f.Length}|{f.LastWriteTimeUtc.Ticks}|{f.LinkTarget}");
    }
}
