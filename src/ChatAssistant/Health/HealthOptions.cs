using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ChatAssistant.Health;

/// <summary>Configuration section <c>Health</c>: how the worker proves its channels work, and what the check accepts.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How often the worker records each channel's last successful call, calling the channel when it was quiet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The <c>health</c> verb reports a channel unhealthy when its last successful call is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxSilence { get; set; } = TimeSpan.FromMinutes(5);
}

[OptionsValidator]
internal sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
