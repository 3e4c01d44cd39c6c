namespace ChatAssistant.Tests.Architecture.Sample.Shared;

internal static class SampleClock
{
    public static int Now() => 1;
}
