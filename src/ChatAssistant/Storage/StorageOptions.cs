using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite database file; its folder is created when missing.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/chatassistant.db";

    /// <summary>How long a writer waits for another process (e.g. the broadcast CLI) to release the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
