namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The operator console in the browser (section <c>Console</c>): off unless <see cref="Enabled"/>. Served under
/// <c>/console</c> by the worker's shared web host, at <see cref="ListenUrl"/> (the webhooks' default, so they share a
/// port), and reached by operators at <see cref="PublicUrl"/>, which the sign-in links name.
/// </summary>
internal sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>The webhooks' default address: the console shares their port unless told otherwise.</summary>
    public const string DefaultListenUrl = "http://0.0.0.0:8080";

    public bool Enabled { get; set; }

    /// <summary>Where operators' browsers reach the console (https://... behind a proxy); the /masuk links start with it.</summary>
    public string? PublicUrl { get; set; }

    public string ListenUrl { get; set; } = DefaultListenUrl;

    /// <summary>How long a one-time sign-in link works.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a signed-in session lasts without use (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The sign-in link for <paramref name="token"/>.</summary>
    public string LinkFor(string token) => PublicUrl!.TrimEnd('/') + ConsolePaths.SignIn + "/" + token;
}
