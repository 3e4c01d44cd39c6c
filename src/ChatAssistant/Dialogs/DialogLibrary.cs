using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Dialogs;

/// <summary>
/// The dialog files of the configured folder, loaded into the catalog the engine serves. On a reload a file
/// that fails validation is refused with its errors logged, and the version of it that was live stays live.
/// </summary>
internal sealed class DialogLibrary(IOptions<DialogsOptions> options, ILogger<DialogLibrary> logger, IChoiceSources? choices = null, IDialogActions? actions = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DialogSource> _sourcesByHash = new(StringComparer.Ordinal);
    private DialogCatalog _live = DialogCatalog.Empty;

    public string Folder => options.Value.Path;

    public IReadOnlySet<string>? ChoiceSourceNames => choices?.Names;

    /// <summary>Reads the folder and returns the catalog to serve; throws only when the folder cannot be read.</summary>
    public DialogCatalog Load()
    {
        lock (_gate)
        {
            var sources = DialogFiles.Read(Folder);
            var result = DialogLoader.Load(sources, choices?.Names, actions?.Names);
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

            _live = kept.Count == 0 ? result.Catalog : DialogCatalog.Create(result.Catalog.Dialogs.Concat(kept));
            Log.DialogsLoaded(logger, _live.Dialogs.Count, Folder, string.Join(", ", _live.Dialogs.Select(d => $"{d.Id} v{d.Version}")));
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
