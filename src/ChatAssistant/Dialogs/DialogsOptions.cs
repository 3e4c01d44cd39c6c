using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Dialogs;

/// <summary>Configuration section <c>Dialogs</c>.</summary>
internal sealed class DialogsOptions
{
    public const string Section = "Dialogs";

    /// <summary>The folder of dialog files (<c>*.yaml</c>); conversation tests live in its <c>tests</c> subfolder.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "dialogs";
}
