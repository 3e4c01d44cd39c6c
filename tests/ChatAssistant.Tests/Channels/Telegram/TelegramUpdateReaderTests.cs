using System.Text;
using ChatAssistant.Channels.Telegram;

namespace ChatAssistant.Tests.Channels.Telegram;

public sealed class TelegramUpdateReaderTests
{
    private static byte[] Batch(params byte[][] updates) =>
        [.. "{\"ok\":true,\"result\":["u8, .. updates.SelectMany((u, i) => i == 0 ? u : [(byte)',', .. u]), .. "]}"u8];

    public static TheoryData<string> Kinds() => [.. MalformedUpdates.Unusable.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void One_unusable_update_is_set_aside_and_the_others_of_its_batch_are_read(string kind)
    {
        var build = MalformedUpdates.Unusable.Single(k => k.Name == kind).Build;
        var body = Batch(MalformedUpdates.Text(10, 1, "\"satu\""), build(11, 2), MalformedUpdates.Text(12, 3, "\"tiga\""));

        var updates = TelegramUpdateReader.ReadBatch(body, offset: 10)!;

        Assert.Equal([10L, 11L, 12L], updates.Select(u => u.Id));
        Assert.Equal("satu", updates[0].Update!.Message!.Text);
        Assert.Equal("tiga", updates[2].Update!.Message!.Text);
        var bad = updates[1];
        var unusable = bad.Problem is not null
            || TelegramInbound.Read(bad.Update!, bad.Id).Kind == TelegramInboundKind.Malformed;
        Assert.True(unusable, $"{kind} was read as a usable update");
        Assert.Equal(build(11, 2), bad.Json.ToArray());
    }

    [Fact]
    public void An_update_id_past_32_bits_is_read_with_its_update()
    {
        var body = Batch(MalformedUpdates.Text(MalformedUpdates.HugeId, 1, "\"halo\""), MalformedUpdates.Text(MalformedUpdates.HugeId + 1, 2, "\"lagi\""));

        var updates = TelegramUpdateReader.ReadBatch(body, offset: 0)!;

        Assert.Equal([MalformedUpdates.HugeId, MalformedUpdates.HugeId + 1], updates.Select(u => u.Id));
        Assert.All(updates, u => Assert.Null(u.Problem));
        Assert.Equal("lagi", updates[1].Update!.Message!.Text);
        Assert.Equal(TelegramInboundKind.Conversation, TelegramInbound.Read(updates[1].Update!, updates[1].Id).Kind);
    }

    [Fact]
    public void An_update_without_a_readable_id_is_taken_to_be_the_next_one()
    {
        var body = Batch(MalformedUpdates.Text(20, 1, "\"satu\""), "{\"message\":{}}"u8.ToArray(), "[1,2]"u8.ToArray());

        var updates = TelegramUpdateReader.ReadBatch(body, offset: 20)!;

        Assert.Equal([20L, 21L, 22L], updates.Select(u => u.Id));
        Assert.NotNull(updates[1].Problem);
        Assert.NotNull(updates[2].Problem);
    }

    [Theory]
    [InlineData("{\"ok\":true,\"result\":[]}", 0)]
    [InlineData("{\"ok\":true, \"result\" : [ ] }", 0)]
    [InlineData("{\"description\":\"x]}\\\"[\",\"ok\":true,\"result\":[{\"update_id\":5,\"edited_message\":null}]}", 1)]
    public void Batches_are_cut_at_their_elements_only(string body, int count)
    {
        Assert.Equal(count, TelegramUpdateReader.ReadBatch(Encoding.UTF8.GetBytes(body), 0)!.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("{\"ok\":true,\"result\":[{\"update_id\":1}")]
    [InlineData("{\"ok\":true}")]
    public void A_body_with_no_result_array_to_cut_is_not_a_batch(string body)
    {
        Assert.Null(TelegramUpdateReader.ReadBatch(Encoding.UTF8.GetBytes(body), 0));
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData(" {\"a\":\"}\"} \n", true)]
    [InlineData("{\"a\":1", false)]
    [InlineData("{\"a\":1}}", false)]
    [InlineData("[]", false)]
    [InlineData("hello", false)]
    [InlineData("", false)]
    public void Only_a_balanced_object_looks_like_an_update(string body, bool expected)
    {
        Assert.Equal(expected, TelegramUpdateReader.LooksLikeObject(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void A_tap_by_someone_else_than_the_chat_is_a_foreign_tap()
    {
        var body = Batch(Encoding.UTF8.GetBytes("""{"update_id":7,"callback_query":{"id":"cq7","chat_instance":"ci","data":"t|v","from":{"id":99,"is_bot":false,"first_name":"Other"},"message":{"message_id":1,"date":1767225600,"chat":{"id":5,"type":"private","first_name":"Owner"},"text":"?"}}}"""));
        var update = TelegramUpdateReader.ReadBatch(body, 7)!.Single();

        var inbound = TelegramInbound.Read(update.Update!, update.Id);

        Assert.Equal(TelegramInboundKind.ForeignTap, inbound.Kind);
        Assert.Equal("cq7", inbound.CallbackQueryId);
    }
}
