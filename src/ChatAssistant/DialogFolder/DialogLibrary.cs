using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.DialogFolder;

/// <summary>
/// The dialog files of the configured folder, loaded into the catalog the engine serves. On a reload a file
/// that fails validation is refused with its errors logged, and the version of it that was live stays live.
/// </summary>
internal sealed class DialogLibrary(IOptions<DialogsOptions> options, DialogChannels channels, ILogger<DialogLibrary> logger, IChoiceSources? choices = null, IDialogActions? actions = null, TimeProvider? time = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DialogSource> _sourcesByHash = new(StringComparer.Ordinal);
    private DialogCatalog _live = DialogCatalog.Empty;
    private IReadOnlyList<string> _refusedWithoutLive = [];
    private IReadOnlyList<Diagnostic> _diagnostics = [];

    public string Folder => options.Value.Path;

    public IReadOnlySet<string>? ChoiceSourceNames => choices?.Names;

    /// <summary>Reads the folder and returns the catalog to serve; throws only when the folder cannot be read.</summary>
    public DialogCatalog Load()
    {
        lock (_gate)
        {
            var read = DialogFiles.Read(Folder);
            var sources = read.Sources;
            // Rules past their review date are logged as warnings, so operators see them as the worker starts.
            var today = time is null ? (DateOnly?)null : DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Shared.Wib.Offset).DateTime);
            var loaded = DialogLoader.Load(sources, choices?.Names, actions?.Names, today: today, salutation: options.Value.Salutation, channels: channels.Limits);
            var result = read.Refused.Count == 0 ? loaded : loaded with { Diagnostics = [.. read.Refused, .. loaded.Diagnostics] };
            foreach (var diagnostic in result.Diagnostics)
            {
                if (diagnostic.IsError)
                {
                    Log.DialogError(logger, diagnostic.ToString());
                }
                else
                {
                    Log.DialogWarning(logger, diagnostic.ToString());
                }
            }

            // A file refused now keeps the version of it that was live, so a typo never takes a dialog away.
            var refusedFiles = result.Diagnostics.Where(d => d.IsError).Select(d => d.Position.File).ToHashSet(StringComparer.Ordinal);
            var loadedIds = result.Catalog.Dialogs.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            var kept = _live.Dialogs
                .Where(d => refusedFiles.Contains(d.Definition.Position.File) && !loadedIds.Contains(d.Id))
                .ToList();
            foreach (var dialog in kept)
            {
                Log.DialogKept(logger, dialog.Definition.Position.File, dialog.Id, dialog.Version);
            }

            var byPath = sources.ToDictionary(s => s.Path, StringComparer.Ordinal);
            foreach (var dialog in result.Catalog.Dialogs)
            {
                _sourcesByHash.TryAdd(dialog.Definition.ContentHash, byPath[dialog.Definition.Position.File]);
            }

            _refusedWithoutLive = refusedFiles
                .Where(f => !kept.Any(d => d.Definition.Position.File == f))
                .ToList();
            _diagnostics = result.Diagnostics;
            _live = kept.Count == 0 ? result.Catalog : DialogCatalog.Create(result.Catalog.Dialogs.Concat(kept), result.Catalog.Programmes, result.Catalog.Salutation);
            Log.DialogsLoaded(logger, _live.Dialogs.Count, Folder, string.Join(", ", _live.Dialogs.Select(d => $"{d.Id} v{d.Version}")));
            return _live;
        }
    }

    /// <summary>
    /// Every problem the last load found: warnings of the files that loaded, errors of those refused. The console
    /// shows them beside the live dialogs, since the log that has them is not where operators look.
    /// </summary>
    public IReadOnlyList<Diagnostic> LastDiagnostics
    {
        get
        {
            lock (_gate)
            {
                return _diagnostics;
            }
        }
    }

    /// <summary>Files the last load refused that have no version live (at start: every refused file).</summary>
    public IReadOnlyList<string> RefusedWithoutLiveVersion
    {
        get
        {
            lock (_gate)
            {
                return _refusedWithoutLive;
            }
        }
    }

    /// <summary>
    /// Serves, for each refused file with no live version, the version of it that was live before (the latest kept
    /// in the database, matched by file name), so that a bad edit followed by a restart does not take its dialog
    /// away from every owner. Each is logged as an error: the file still needs fixing.
    /// </summary>
    public DialogCatalog ServeStored(IReadOnlyList<DialogSource> stored)
    {
        lock (_gate)
        {
            var served = new List<CompiledDialog>();
            foreach (var file in _refusedWithoutLive)
            {
                var name = System.IO.Path.GetFileName(file);
                foreach (var candidate in stored.Where(s => System.IO.Path.GetFileName(s.Path) == name))
                {
                    // Read under today's path, so that the next reload of this file treats it as this file's version.
                    var source = new DialogSource(file, candidate.Text);
                    var result = DialogLoader.Load([source], choices?.Names, actions?.Names, channels: channels.Limits);
                    if (result.Catalog.Dialogs.FirstOrDefault() is not { } dialog
                        || _live.Find(dialog.Id) is not null
                        || dialog.Definition.Commands.Any(c => _live.Dialogs.Concat(served).Any(d => d.Definition.Commands.Contains(c))))
                    {
                        continue;
                    }

                    served.Add(dialog);
                    _sourcesByHash.TryAdd(dialog.Definition.ContentHash, source);
                    Log.DialogServedFromStore(logger, file, dialog.Id, dialog.Version);
                    break;
                }
            }

            if (served.Count > 0)
            {
                var servedFiles = served.Select(d => d.Definition.Position.File).ToHashSet(StringComparer.Ordinal);
                _refusedWithoutLive = _refusedWithoutLive.Where(f => !servedFiles.Contains(f)).ToList();
                _live = DialogCatalog.Create(_live.Dialogs.Concat(served));
            }

            return _live;
        }
    }

    /// <summary>The live dialogs with their file texts, to be kept by content hash for pinned conversations.</summary>
    public IReadOnlyList<(CompiledDialog Dialog, DialogSource Source)> LiveVersions()
    {
        lock (_gate)
        {
            return _live.Dialogs
                .Where(d => _sourcesByHash.ContainsKey(d.Definition.ContentHash))
                .Select(d => (d, _sourcesByHash[d.Definition.ContentHash]))
                .ToList();
        }
    }
}
