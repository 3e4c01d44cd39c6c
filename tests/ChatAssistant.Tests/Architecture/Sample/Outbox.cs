namespace ChatAssistant.Tests.Architecture.Sample.Outbox;

/// <summary>A back-edge seen only in IL: a lambda's body, compiled into a nested closure type.</summary>
internal sealed class SampleSender
{
    public static Func<int> Later() => () => Conversations.SampleWriter.Count();
}
