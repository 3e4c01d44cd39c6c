namespace ChatAssistant.Tests.Architecture.Sample.Conversations;

/// <summary>Allowed uses only (Shared), so that the checker's report on the sample is exactly its back-edges.</summary>
internal sealed class SampleWriter
{
    public static int Count() => Shared.SampleClock.Now();
}
