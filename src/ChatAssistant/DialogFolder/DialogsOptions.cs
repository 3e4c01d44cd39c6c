using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.DialogFolder;

/// <summary>Configuration section <c>Dialogs</c>.</summary>
internal sealed class DialogsOptions
{
    public const string Section = "Dialogs";

    /// <summary>The folder of dialog files (<c>*.yaml</c>); conversation tests live in its <c>tests</c> subfolder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "dialogs";

    /// <summary>Reload a dialog file when it changes (a file that fails validation is refused).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How the Indonesian texts address owners, where a dialog writes <c>{sapaan}</c>: "Bapak/Ibu" by default.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(30)]
    public string Salutation { get; set; } = Dialogs.Loading.Salutation.Default;

    /// <summary>How long to wait after a change before reloading, so an editor's several writes count as one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How often the folder is checked for what the file watcher cannot see: the folder deleted, recreated or
    /// replaced, or a change it missed. Such a change is served within this interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan FolderCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
