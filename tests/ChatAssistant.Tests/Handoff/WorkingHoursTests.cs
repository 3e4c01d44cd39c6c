using ChatAssistant.Dialogs;
using ChatAssistant.Handoff;

namespace ChatAssistant.Tests.Handoff;

public sealed class WorkingHoursTests
{
    private static readonly WorkingHours Office = new HandoffOptions().WorkingHours; // Monday to Friday, 08:00-16:00 WIB

    private static DateTimeOffset Wib(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(23, 8, 0, true)] // Monday, opening
    [InlineData(23, 15, 59, true)]
    [InlineData(23, 16, 0, false)] // closing
    [InlineData(23, 7, 59, false)]
    [InlineData(28, 10, 0, false)] // Saturday
    public void Working_hours_are_read_in_wib(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, Office.IsOpen(Wib(day, hour, minute)));

    [Fact]
    public void A_utc_time_is_taken_in_wib() => Assert.True(Office.IsOpen(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero))); // 08:00 WIB

    [Fact]
    public void After_friday_closing_someone_answers_on_monday()
    {
        Assert.Equal(Wib(30, 8), Office.NextOpening(Wib(27, 17)));
        Assert.Equal(
            "Petugas kami sedang tidak bertugas. Pesan Anda kami simpan dan akan dibalas Senin pukul 08.00 WIB.",
            Office.Note(Languages.Indonesian, Wib(27, 17)));
        Assert.Equal(
            "Our staff are not on duty right now. Someone will answer Monday at 08.00 WIB; your messages are kept until then.",
            Office.Note(Languages.English, Wib(28, 9)));
    }

    [Fact]
    public void Before_opening_the_note_says_today() =>
        Assert.Equal("Our staff are not on duty right now. Someone will answer today at 08.00 WIB; your messages are kept until then.", Office.Note(Languages.English, Wib(24, 6)));

    [Fact]
    public void Closing_before_opening_is_refused_at_start()
    {
        var options = new HandoffOptions { OpensAt = TimeSpan.FromHours(16), ClosesAt = TimeSpan.FromHours(8) };

        var result = new HandoffOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Handoff:ClosesAt (08:00) must be after Handoff:OpensAt (16:00)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void No_working_day_is_refused_at_start() =>
        Assert.True(new HandoffOptionsValidator().Validate(null, new HandoffOptions { WorkingDays = [] }).Failed);

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new HandoffOptionsValidator().Validate(null, new HandoffOptions()).Succeeded);
}
