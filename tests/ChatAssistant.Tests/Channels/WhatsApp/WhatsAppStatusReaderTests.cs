using System.Text;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Outbox;

namespace ChatAssistant.Tests.Channels.WhatsApp;

/// <summary>Statuses read from Meta-shaped bodies into the outbox's delivery reports.</summary>
public sealed class WhatsAppStatusReaderTests
{
    private static WhatsAppStatusUpdate ReadOne(string body) =>
        Assert.Single(WhatsAppInboundReader.Read(Encoding.UTF8.GetBytes(body), WhatsAppPayloads.PhoneNumberId)!.Statuses);

    [Theory]
    [InlineData("sent", (int)DeliveryState.Sent)]
    [InlineData("delivered", (int)DeliveryState.Delivered)]
    [InlineData("read", (int)DeliveryState.Read)]
    [InlineData("played", (int)DeliveryState.Read)]
    [InlineData("failed", (int)DeliveryState.Failed)]
    public void Each_status_becomes_a_report_with_metas_time(string status, int state)
    {
        var report = ReadOne(WhatsAppPayloads.Status("wamid.X", status)).ToReport();

        Assert.Equal(new DeliveryReport("wamid.X", (DeliveryState)state, DateTimeOffset.FromUnixTimeSeconds(1764770100)), report);
    }

    [Fact]
    public void A_status_the_outbox_does_not_track_gives_no_report()
    {
        Assert.Null(ReadOne(WhatsAppPayloads.Status("wamid.X", "deleted")).ToReport());
    }

    [Fact]
    public void A_failed_status_carries_the_error_code_and_title()
    {
        var body = WhatsAppPayloads.Status("wamid.X", "failed").Replace(
            "\"recipient_user_id\"",
            """
            "errors": [{"code": 131047, "title": "Re-engagement message", "message": "Re-engagement message", "error_data": {"details": "More than 24 hours have passed"}}], "recipient_user_id"
            """,
            StringComparison.Ordinal);

        var status = ReadOne(body);

        Assert.Equal("131047 Re-engagement message", status.Error);
        Assert.Equal("131047 Re-engagement message", status.ToReport()!.Error);
    }

    [Fact]
    public void A_timestamp_out_of_range_leaves_the_time_to_the_receiver()
    {
        var report = new WhatsAppStatusUpdate("wamid.X", "read", null, long.MaxValue).ToReport();

        Assert.Equal(new DeliveryReport("wamid.X", DeliveryState.Read), report);
    }
}
