using ChatAssistant.Broadcasts;
using ChatAssistant.Dialogs;
using ChatAssistant.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>The <c>channel</c> filter (<c>--channel</c>, <c>kanal=</c> in chat): owners on one chat app only.</summary>
public sealed class SegmentChannelTests : IDisposable
{
    private static readonly long Now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly TempFolder _folder = new();
    private readonly TestStores _store;
    private readonly BroadcastStore _broadcasts;
    private readonly Owners _owners;

    public SegmentChannelTests()
    {
        _store = new TestStores(_folder.DatabasePath, TimeSpan.FromSeconds(5), new FakeTimeProvider());
        _broadcasts = new BroadcastStore(_store.Session);
        _owners = new Owners(_folder.DatabasePath);
        _owners.InProvince("1001", "Riau", channel: "telegram");
        _owners.InProvince("6281100000001", "Riau", channel: "whatsapp");
        _owners.InProvince("6281100000002", "Bali", channel: "whatsapp");
        _owners.InProvince("terminal", "Riau", channel: "console");
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("kanal=whatsapp", "6281100000001,6281100000002")]
    [InlineData("channel=WhatsApp", "6281100000001,6281100000002")]
    [InlineData("kanal=wa; provinsi=Riau", "6281100000001")]
    [InlineData("channel=telegram", "1001")]
    [InlineData("semua", "1001,6281100000001,6281100000002")]
    public void The_channel_filter_selects_the_owners_on_that_chat_app(string filters, string expected)
    {
        Assert.True(SegmentParser.TryParse(filters, Languages.Indonesian, out var segment, out var errors), string.Join("\n", errors));

        _store.Begin();
        var (count, _) = _broadcasts.PreviewSegment(segment, 10);
        var id = _broadcasts.CreateBroadcast(new BroadcastDraft("Halo", null, null, segment, "test", null), Now);
        _store.Commit();

        Assert.Equal(expected.Split(',').Length, count);
        Assert.Equal(expected.Split(','), _owners.Recipients(id));
    }

    [Fact]
    public void The_canonical_text_names_the_channel_and_reads_back()
    {
        Assert.True(SegmentParser.TryParse("provinsi=Riau; kanal=WA", Languages.Indonesian, out var segment, out _));

        Assert.Equal("province=Riau; channel=whatsapp", segment.ToString());
        Assert.True(SegmentParser.TryParse(segment.ToString(), Languages.English, out var again, out _));
        Assert.Equal(segment.ToString(), again.ToString());
    }

    [Theory]
    [InlineData("kanal=whatsap", Languages.Indonesian, "Kanal \"whatsap\" tidak dikenal (maksud Anda whatsapp?): telegram atau whatsapp.")]
    [InlineData("channel=sms", Languages.English, "Unknown channel \"sms\": telegram or whatsapp.")]
    [InlineData("channel=console", Languages.English, "Unknown channel \"console\": telegram or whatsapp.")] // the terminal chat is never announced to
    public void A_channel_that_is_not_a_chat_app_is_refused_in_the_operators_language(string filters, string language, string expected)
    {
        Assert.False(SegmentParser.TryParse(filters, language, out _, out var errors));

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData(Languages.English, "No owner has written to the assistant on telegram yet.")]
    [InlineData(Languages.Indonesian, "Belum ada pemilik usaha yang menghubungi asisten lewat telegram.")]
    public void A_channel_no_owner_uses_yet_is_said_instead_of_an_empty_segment(string language, string expected)
    {
        Sql.Execute(_folder.DatabasePath, "DELETE FROM users WHERE channel = 'telegram'");
        Assert.True(SegmentParser.TryParse("channel=telegram", language, out var segment, out _));

        Assert.Equal([expected], SegmentChecks.Problems(_broadcasts, segment, language, []));
        Assert.True(SegmentParser.TryParse("channel=whatsapp", language, out segment, out _));
        Assert.Empty(SegmentChecks.Problems(_broadcasts, segment, language, []));
    }

    [Fact]
    public void The_command_line_has_the_channel_option()
    {
        var command = new System.CommandLine.Command("preview");
        new SegmentOptions().AddTo(command);

        var option = Assert.Single(command.Options, o => o.Name == "--channel");
        Assert.Equal("Owners on this chat app only: telegram or whatsapp.", option.Description);
    }
}
