using Microsoft.Extensions.Options;

namespace ChatAssistant.Training;

/// <summary>Today's date where registration deadlines are kept (WIB by default).</summary>
internal sealed class TrainingClock(IOptions<TrainingOptions> options)
{
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(options.Value.DeadlineUtcOffset).DateTime);
}
