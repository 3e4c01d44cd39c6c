using System.ComponentModel.DataAnnotations;

namespace ChatAssistant.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
internal sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (one file, one worker) or <c>Postgres</c> (one server, several replicas).</summary>
    public StorageProviderKind Provider { get; set; } = StorageProviderKind.Sqlite;

    /// <summary>The SQLite database file; its folder is created when missing. Not used on PostgreSQL.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "data/chatassistant.db";

    /// <summary>
    /// The PostgreSQL connection string (Npgsql's form: <c>Host=db;Database=chatassistant;Username=…;Password=…</c>);
    /// required when <see cref="Provider"/> is <c>Postgres</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for another process (e.g. the broadcast CLI) to release the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("Storage:Provider must be Sqlite or Postgres.", [nameof(Provider)]);
        }

        if (Provider == StorageProviderKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:ConnectionString is required when Storage:Provider is Postgres (e.g. Host=db;Database=chatassistant;Username=chatassistant;Password=…).",
                [nameof(ConnectionString)]);
        }
    }
}
