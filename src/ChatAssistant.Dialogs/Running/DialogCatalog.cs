using System.Collections.Frozen;
using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Messages;

namespace ChatAssistant.Dialogs.Running;

/// <summary>The dialogs that are live, in menu order, with their commands. Immutable: a reload builds a new one.</summary>
public sealed class DialogCatalog
{
    private readonly FrozenDictionary<string, CompiledDialog> _byId;
    private readonly FrozenDictionary<string, CompiledDialog> _byCommand;

    internal DialogCatalog(IEnumerable<CompiledDialog> dialogs)
    {
        Dialogs = dialogs.OrderBy(d => d.Definition.MenuOrder).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray();
        _byId = Dialogs.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        _byCommand = Dialogs
            .SelectMany(d => d.Definition.Commands.Select(c => (Command: c, Dialog: d)))
            .ToFrozenDictionary(p => p.Command, p => p.Dialog, StringComparer.OrdinalIgnoreCase);
        // The menu is the owners': operator dialogs are never in it, so no menu number or title reaches them.
        MenuDialogs = Dialogs.Where(d => d.Definition.Commands.Count > 0 && d.Definition.InMenu && d.Definition.Audience == DialogAudience.Owners).ToArray();
        OperatorDialogs = Dialogs.Where(d => d.Definition.Audience == DialogAudience.Operators).ToArray();
        _indonesianMenu = BuildMenu(Languages.Indonesian);
        _englishMenu = BuildMenu(Languages.English);
    }

    private readonly Button[] _indonesianMenu;
    private readonly Button[] _englishMenu;

    /// <summary>The main menu: one button per dialog, sending the dialog's first command.</summary>
    public IReadOnlyList<Button> MenuButtons(string language) => language == Languages.English ? _englishMenu : _indonesianMenu;

    private Button[] BuildMenu(string language) => MenuDialogs
        .Select(d => new Button(d.Definition.Title.Plain(language), d.Definition.Commands[0]))
        .ToArray();

    public static DialogCatalog Empty { get; } = new([]);

    /// <summary>The programme rules the dialogs were loaded with, to load a pinned version of one of them alike.</summary>
    public Programmes.ProgrammeData? Programmes { get; init; }

    /// <summary>How owners are addressed (<c>{sapaan}</c>), to load a pinned version of a dialog alike.</summary>
    public string Salutation { get; init; } = Loading.Salutation.Default;

    public IReadOnlyList<CompiledDialog> Dialogs { get; }

    /// <summary>The dialogs the menu shows, in its order (owners' dialogs with a command); a typed menu number counts these.</summary>
    public IReadOnlyList<CompiledDialog> MenuDialogs { get; }

    /// <summary>
    /// The <c>audience: operators</c> dialogs, in menu order, e.g. for the host to list operators' commands
    /// (each dialog's <see cref="Definitions.DialogDefinition.Commands"/>) to operators only.
    /// </summary>
    public IReadOnlyList<CompiledDialog> OperatorDialogs { get; }

    public CompiledDialog? Find(string dialogId) => _byId.GetValueOrDefault(dialogId);

    /// <summary>
    /// A catalog of these dialogs, e.g. the dialogs of a reload merged with the previous version of every
    /// file that failed to load this time.
    /// </summary>
    public static DialogCatalog Create(IEnumerable<CompiledDialog> dialogs, Programmes.ProgrammeData? programmes = null, string? salutation = null) =>
        new(dialogs) { Programmes = programmes, Salutation = salutation ?? Loading.Salutation.Default };

    public CompiledDialog? FindByCommand(ReadOnlySpan<char> command) =>
        _byCommand.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(command, out var dialog) ? dialog : null;
}
