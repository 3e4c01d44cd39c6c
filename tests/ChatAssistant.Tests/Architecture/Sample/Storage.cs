namespace ChatAssistant.Tests.Architecture.Sample.Storage;

/// <summary>The deliberate back-edge in a signature: storage holding the host.</summary>
internal sealed class SampleStore
{
    public Hosting.SampleHost? Host { get; set; }
}
