using ChatAssistant.Channels;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Shared;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>Operators named in <c>Operators:WhatsAppIds</c> by BSUID or phone number use /siaran on WhatsApp as on Telegram.</summary>
public sealed class WhatsAppOperatorTests : IDisposable
{
    private const string OperatorPhone = "6281234567890";
    private const string OperatorBsuid = "ID.13491208655302741918";
    private const string OwnerBsuid = "ID.99990000111122223333";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<WriterFixture> StartAsync(params string[] ids)
    {
        var operators = new OperatorOptions();
        foreach (var id in ids)
        {
            operators.WhatsAppIds.Add(id);
        }

        return WriterFixture.StartAsync(_folder.DatabasePath, TestDialogs.Sales, Owners.Actions(Owners.ShippedDialog("broadcast-send.yaml")), operators);
    }

    private static async Task<string> SendAsync(WriterFixture fixture, string channel, string chatId, string? phone, string text)
    {
        var handled = await fixture.Writer.SubmitAsync(new InboundEnvelope(
            channel, chatId, Guid.NewGuid().ToString("N"), InboundMessage.FromText(text) with { SenderPhone = phone }, fixture.Time.GetUtcNow()));
        return handled.Reply!.Text;
    }

    [Fact]
    public async Task An_operator_named_by_phone_number_can_use_siaran_from_a_chat_keyed_by_their_BSUID()
    {
        await using var fixture = await StartAsync(OperatorPhone);

        var reply = await SendAsync(fixture, ChannelNames.WhatsApp, OperatorBsuid, OperatorPhone, "/siaran");

        Assert.StartsWith("Tulis teks pengumuman untuk pemilik usaha", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_named_by_BSUID_can_use_siaran_when_WhatsApp_gives_no_phone_number()
    {
        await using var fixture = await StartAsync(OperatorBsuid);

        var reply = await SendAsync(fixture, ChannelNames.WhatsApp, OperatorBsuid, null, "/siaran");

        Assert.StartsWith("Tulis teks pengumuman untuk pemilik usaha", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_on_WhatsApp_gets_the_unknown_command_answer()
    {
        await using var fixture = await StartAsync(OperatorPhone, OperatorBsuid);

        var siaran = await SendAsync(fixture, ChannelNames.WhatsApp, OwnerBsuid, "6285712345678", "/siaran");

        Assert.StartsWith("Maaf, perintah /siaran tidak dikenal.", siaran, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(_folder.DatabasePath, "SELECT COUNT(*) FROM conversations WHERE dialog_id = 'broadcast-send'"));
    }

    [Fact]
    public async Task A_WhatsApp_id_names_an_operator_on_WhatsApp_only()
    {
        await using var fixture = await StartAsync(OperatorPhone);

        var onTelegram = await SendAsync(fixture, ChannelNames.Telegram, OperatorPhone, OperatorPhone, "/siaran");

        Assert.StartsWith("Maaf, perintah /siaran tidak dikenal.", onTelegram, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6281234567890", true)]
    [InlineData("ID.13491208655302741918", true)]
    [InlineData("US.ENT.11815799212886844830", true)]
    [InlineData("+6281234567890", false)]
    [InlineData("081234567890", false)]
    [InlineData("6281-2345-67890", false)]
    [InlineData("id.13491208655302741918", false)]
    [InlineData("13491208655302741918.ID", false)]
    [InlineData("ID.", false)]
    [InlineData("", false)]
    public void WhatsApp_ids_are_phone_numbers_with_the_country_code_or_BSUIDs(string id, bool valid)
    {
        var options = new OperatorOptions();
        options.WhatsAppIds.Add(id);

        var result = new OperatorOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Equal(
                "Operators:WhatsAppIds:0 is not a WhatsApp id: write a phone number as digits with the country code (6281234567890, no + or leading 0) "
                + "or a business-scoped user id as WhatsApp gives it (ID.13491208655302741918).",
                Assert.Single(result.Failures!));
        }
    }
}
