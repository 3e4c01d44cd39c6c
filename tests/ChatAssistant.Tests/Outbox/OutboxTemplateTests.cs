using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Outbox;
using ChatAssistant.Storage;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Outbox;

public sealed class OutboxTemplateTests_Sqlite() : OutboxTemplateTests(StorageProviderKind.Sqlite)
{
}

public sealed class OutboxTemplateTests_Postgres() : OutboxTemplateTests(StorageProviderKind.Postgres)
{
}

/// <summary>A queued message keeps the template it goes as and the page of options it shows, through the store.</summary>
public abstract class OutboxTemplateTests : StorageMatrix
{
    private protected OutboxTemplateTests(StorageProviderKind kind)
        : base(kind)
    {
    }

    [Fact]
    public async Task A_message_queued_with_a_template_and_a_page_is_read_back_with_both()
    {
        await using var fixture = await WriterFixture.StartAsync(Db);
        var template = new OutboxTemplate("pengumuman_program", "id", ["Bu Sari", "KUR \"Mikro\" 2027"]);
        await fixture.Writer.RunAsync(fixture.OutboxStore, (store, at) =>
        {
            store.Enqueue(1, "whatsapp", "628111", OutboundMessage.Plain("Info program"), OutboxPriority.Broadcast, at.ToUnixTimeMilliseconds(), template);
            store.Enqueue(2, "whatsapp", "628222", new OutboundMessage("Pilih provinsi", [new Button("Aceh", "t1:aceh")]), OutboxPriority.Interactive, at.ToUnixTimeMilliseconds(), page: 2);
            return true;
        });

        var waiting = fixture.Outbox.Pending(10, "whatsapp").ToDictionary(m => m.ChatId);

        Assert.Equal(template.Name, waiting["628111"].Template!.Name);
        Assert.Equal(template.Language, waiting["628111"].Template!.Language);
        Assert.Equal(template.Parameters, waiting["628111"].Template!.Parameters);
        Assert.Equal(0, waiting["628111"].Page);
        Assert.Null(waiting["628222"].Template);
        Assert.Equal(2, waiting["628222"].Page);
        Assert.Equal(2, fixture.Outbox.NextPerChat(10, "whatsapp", long.MaxValue).Single(m => m.ChatId == "628222").Page);
    }

    [Fact]
    public void No_stored_template_reads_as_a_free_form_message()
    {
        Assert.Null(OutboxTemplate.Decode(null));
        Assert.Null(OutboxTemplate.Decode(""));
        Assert.Equal([], OutboxTemplate.Decode("""{"name":"t","language":"en"}""")!.Parameters);
    }
}
