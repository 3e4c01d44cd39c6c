namespace ChatAssistant.Health;

/// <summary>A cheap call to a channel's API (Telegram's getMe), made only when nothing else called it lately.</summary>
internal interface IChannelProbe
{
    string Channel { get; }

    Task ProbeAsync(CancellationToken cancellationToken);
}
