using ChatAssistant.Broadcasts;
using ChatAssistant.Training;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// Statuses are enums in code and text in the database: every value maps to exactly the text earlier releases
/// wrote (no data migration), and that text maps back to the same value.
/// </summary>
public sealed class StoredStatusTests
{
    [Fact]
    public void Every_broadcast_status_is_stored_as_the_text_it_always_was_and_reads_back()
    {
        var expected = new Dictionary<BroadcastStatus, string>
        {
            [BroadcastStatus.Scheduled] = "scheduled",
            [BroadcastStatus.Sending] = "sending",
            [BroadcastStatus.Finished] = "finished",
            [BroadcastStatus.Cancelled] = "cancelled",
        };

        Assert.Equal(expected.Keys.Order(), BroadcastStatuses.All.Order());
        foreach (var (status, stored) in expected)
        {
            Assert.Equal(stored, status.Name());
            Assert.Equal(status, BroadcastStatuses.Parse(stored));
        }

        Assert.Throws<FormatException>(() => BroadcastStatuses.Parse("Sending"));
    }

    [Fact]
    public void Every_recipient_status_is_stored_as_the_text_it_always_was_and_reads_back()
    {
        var expected = new Dictionary<RecipientStatus, string>
        {
            [RecipientStatus.Waiting] = "waiting",
            [RecipientStatus.Queued] = "queued",
            [RecipientStatus.Sent] = "sent",
            [RecipientStatus.Failed] = "failed",
            [RecipientStatus.Blocked] = "blocked",
            [RecipientStatus.OptedOut] = "opted_out",
            [RecipientStatus.Uncertain] = "uncertain",
            [RecipientStatus.Cancelled] = "cancelled",
            [RecipientStatus.OutsideWindow] = "outside_window",
        };

        Assert.Equal(expected.Keys.Order(), RecipientStatuses.All.Order());
        foreach (var (status, stored) in expected)
        {
            Assert.Equal(stored, status.Name());
            Assert.True(RecipientStatuses.TryParse(stored, out var read));
            Assert.Equal(status, read);
        }

        Assert.False(RecipientStatuses.TryParse("OptedOut", out _));
    }

    [Fact]
    public void Every_registration_status_is_stored_as_its_lower_case_name_and_anything_else_reads_as_cancelled()
    {
        var expected = new Dictionary<RegistrationStatus, string>
        {
            [RegistrationStatus.Seat] = "seat",
            [RegistrationStatus.Waitlist] = "waitlist",
            [RegistrationStatus.Cancelled] = "cancelled",
        };

        Assert.Equal(expected.Keys.Order(), RegistrationStatuses.All.Order());
        foreach (var (status, stored) in expected)
        {
            Assert.Equal(stored, status.Name());
            Assert.Equal(status, RegistrationStatuses.Parse(stored));
        }

        // As before the enum: a text no release wrote is not a seat anybody holds.
        Assert.Equal(RegistrationStatus.Cancelled, RegistrationStatuses.Parse("withdrawn"));
    }
}
