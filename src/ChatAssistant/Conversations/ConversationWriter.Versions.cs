using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using Microsoft.Extensions.Logging;

namespace ChatAssistant.Conversations;

/// <summary>Brings back the dialog versions that loaded conversations are pinned to, after a restart or a reload.</summary>
internal sealed partial class ConversationWriter
{
    // Versions looked for and not found (kept by an older release, or a database moved between machines):
    // not looked for again on every message; those conversations go on the live version. Where replicas share the
    // database they are looked for again (and said once): another replica may have loaded a file this one has not
    // yet, and keeps its version only after its first conversations started on it.
    private readonly HashSet<string> _missingVersions = new(StringComparer.Ordinal);

    private void PinDialogVersions(UserSession session)
    {
        foreach (var conversation in session.Conversations)
        {
            if (conversation.DialogHash is not { } hash || _engine.Knows(hash) || (_missingVersions.Contains(hash) && !_owners.Locks.Needed))
            {
                continue;
            }

            var source = _dialogVersions.Load(hash);
            var dialog = source is null ? null : DialogLoader.Load([source], _engine.ChoiceSourceNames, _engine.ActionNames, _engine.Catalog.Programmes, salutation: _engine.Catalog.Salutation).Catalog.Dialogs.FirstOrDefault();
            if (dialog is null || dialog.Definition.ContentHash != hash)
            {
                if (_missingVersions.Add(hash))
                {
                    Log.VersionMissing(_logger, conversation.DialogId, hash);
                }

                continue;
            }

            _engine.Pin(dialog);
            Log.VersionPinned(_logger, dialog.Id, dialog.Version, hash);
        }
    }
}
