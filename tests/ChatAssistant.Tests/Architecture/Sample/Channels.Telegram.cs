namespace ChatAssistant.Tests.Architecture.Sample.Channels.Telegram;

/// <summary>A back-edge seen only in IL: an async method's body, compiled into a nested state machine.</summary>
internal sealed class SampleReceiver
{
    public static async Task<int> ReceiveAsync()
    {
        await Task.Yield();
        return new Storage.SampleStore().GetHashCode();
    }
}
