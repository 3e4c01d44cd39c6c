namespace ChatAssistant.Tests.Architecture.Sample.Hosting;

/// <summary>The top of the sample: what composes the rest.</summary>
internal sealed class SampleHost
{
    public Conversations.SampleWriter Writer { get; } = new();
}
