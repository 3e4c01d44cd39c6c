using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Training;

/// <summary>Configuration section <c>Training</c>.</summary>
internal sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>The default catalogue, inside the dialogs folder (Dialogs:Path): dialogs/data/training-programs.yaml.</summary>
    public const string DefaultFile = "data/training-programs.yaml";

    /// <summary>
    /// The training catalogue, read once at start. Unset: <see cref="DefaultFile"/> in the dialogs folder, and
    /// no programmes when that file does not exist; a path set here must exist.
    /// </summary>
    [MaxLength(4096)]
    public string? CatalogPath { get; set; }

    /// <summary>The offset of the time zone registration deadlines are in (WIB, UTC+7, by default).</summary>
    [Range(typeof(TimeSpan), "-12:00:00", "14:00:00")]
    public TimeSpan DeadlineUtcOffset { get; set; } = TimeSpan.FromHours(7);
}
