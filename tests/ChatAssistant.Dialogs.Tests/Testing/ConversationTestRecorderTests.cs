using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;

namespace ChatAssistant.Dialogs.Tests.Testing;

/// <summary><c>dialogs test --update</c>'s re-recording: wording and buttons from what the dialog now says, in place.</summary>
public class ConversationTestRecorderTests
{
    private const string Dialog = """
        id: shop
        version: 1
        languages: [id]
        title: Toko
        commands: [/toko]
        start: kind
        steps:
          kind:
            ask: "Jenis usaha Anda apa?"
            options: [ { value: food, id: Makanan dan minuman }, { value: craft, id: Kerajinan tangan } ]
          done:
            end: "Terima kasih banyak."
            outcome: done
        """;

    private const string Tests = """
        dialog: shop
        cases:
          # the only case
          - name: food
            turns:
              - send: /toko
                reply: Jenis usaha?
                buttons: [Makanan, Kerajinan]
              - tap: Makanan dan minuman
                reply: Terima kasih.
            outcome: done
        """;

    [Fact]
    public void Rerecords_texts_and_buttons_of_failing_turns_in_place_until_the_case_passes()
    {
        var catalog = DialogLoader.Load([new DialogSource("shop.yaml", Dialog)]).Catalog;

        var result = ConversationTestRecorder.Rerecord(catalog, new DialogSource("tests/shop.yaml", Tests));

        Assert.Equal(Tests
            .Replace("reply: Jenis usaha?", "reply: \"Jenis usaha Anda apa?\"", StringComparison.Ordinal)
            .Replace("buttons: [Makanan, Kerajinan]", "buttons: [Makanan dan minuman, Kerajinan tangan]", StringComparison.Ordinal)
            .Replace("reply: Terima kasih.", "reply: Terima kasih banyak.", StringComparison.Ordinal), result.Text);
        Assert.Equal([7, 8, 10], result.Changes.Select(c => c.Line));
        Assert.Empty(result.NotRecorded);
        var read = ConversationTestReader.Read(new DialogSource("tests/shop.yaml", result.Text));
        Assert.True(ConversationTestRunner.Run(catalog, read.File!, read.File!.Cases[0]).Passed);
    }

    [Theory]
    [InlineData("Halo, selamat datang! Nama usaha Anda?", "Halo!", "Halo, selamat datang!")]
    [InlineData("Boleh kita mulai sekarang?", "Boleh kita mulai?", "Boleh kita mulai sekarang?")]
    [InlineData("Skor Anda 59 dari 100, mulai siap ekspor. Rencana", "Skor Anda 59 dari 100", "Skor Anda 59 dari 100,")]
    public void Picks_the_part_of_the_reply_most_like_the_old_text(string reply, string expected, string picked)
    {
        Assert.Equal(picked, ConversationTestRecorder.BestMatch(reply, expected));
    }

    [Fact]
    public void Nothing_alike_is_not_rerecorded()
    {
        Assert.Null(ConversationTestRecorder.BestMatch("Terima kasih.", "Nomor HP Anda berapa sekarang ya?"));
    }
}
