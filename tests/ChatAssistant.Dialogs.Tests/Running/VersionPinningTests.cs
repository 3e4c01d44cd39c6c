using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>A conversation started on a dialog version finishes on it, whatever happens to the file.</summary>
public sealed class VersionPinningTests
{
    private const string Version1 = """
        id: shop
        version: 1
        languages: [id, en]
        title: {id: Toko, en: Shop}
        commands: [/toko]
        start: name
        steps:
          name:
            ask: {id: "Nama toko?", en: "Shop name?"}
          city:
            ask: {id: "Kota?", en: "City?"}
          done:
            end: {id: "Versi satu: {name}, {city}.", en: "Version one: {name}, {city}."}
        """;

    // The maintainer renamed the second question's step and changed the ending.
    private const string Version2 = """
        id: shop
        version: 2
        languages: [id, en]
        title: {id: Toko, en: Shop}
        commands: [/toko]
        start: name
        steps:
          name:
            ask: {id: "Nama toko Anda?", en: "Your shop's name?"}
          province:
            ask: {id: "Provinsi?", en: "Province?"}
            input: province
          done:
            end: {id: "Versi dua: {name}, {province}.", en: "Version two: {name}, {province}."}
        """;

    private static DialogCatalog Load(string yaml)
    {
        var loaded = DialogLoader.Load([new DialogSource("shop.yaml", yaml)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Catalog;
    }

    private static string Send(ConversationEngine engine, UserSession session, string text) =>
        engine.Handle(session, InboundMessage.FromText(text), DateTimeOffset.UnixEpoch).Text;

    [Fact]
    public void A_conversation_finishes_on_the_version_it_started_on_while_new_ones_start_on_the_new_version()
    {
        var engine = new ConversationEngine(Load(Version1));
        var early = new UserSession("id");
        Send(engine, early, "/toko");
        Assert.Equal("Kota?", Send(engine, early, "Sari"));

        engine.Catalog = Load(Version2);
        var late = new UserSession("id");

        Assert.Equal("Nama toko Anda?", Send(engine, late, "/toko"));
        Assert.StartsWith("Versi satu: Sari, Padang.", Send(engine, early, "Padang"), StringComparison.Ordinal);
        Assert.Equal(1, early.Conversations.Single().DialogVersion);
    }

    [Fact]
    public void After_a_restart_the_host_pins_the_old_version_back_and_the_conversation_goes_on_there()
    {
        var first = new ConversationEngine(Load(Version1));
        var session = new UserSession("id");
        Send(first, session, "/toko");
        Send(first, session, "Sari");
        var hash = session.Conversations.Single().DialogHash!;

        var restarted = new ConversationEngine(Load(Version2));
        Assert.False(restarted.Knows(hash));
        restarted.Pin(Load(Version1).Dialogs.Single());

        Assert.True(restarted.Knows(hash));
        Assert.StartsWith("Versi satu: Sari, Padang.", Send(restarted, session, "Padang"), StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_again_moves_to_the_live_version()
    {
        var engine = new ConversationEngine(Load(Version1));
        var session = new UserSession("id");
        Send(engine, session, "/toko");
        Send(engine, session, "Sari");

        engine.Catalog = Load(Version2);
        var restarted = Send(engine, session, "/ulang");

        Assert.EndsWith("Nama toko Anda?", restarted, StringComparison.Ordinal);
        Assert.Equal(2, session.Conversations.Single().DialogVersion);
        Assert.Equal(engine.Catalog.Dialogs.Single().Definition.ContentHash, session.Conversations.Single().DialogHash);
    }

    [Fact]
    public void Without_its_version_a_conversation_at_a_step_that_no_longer_exists_starts_again_and_says_so()
    {
        var first = new ConversationEngine(Load(Version1));
        var session = new UserSession("id");
        Send(first, session, "/toko");
        Send(first, session, "Sari");

        var restarted = new ConversationEngine(Load(Version2));
        var reply = Send(restarted, session, "Padang");

        // The message was meant for the old question: it is not taken as the answer to the new first one.
        Assert.Equal("name", session.Conversations.Single().StepId);
        Assert.Equal("Maaf, \"Toko\" baru saja diperbarui, jadi kita mulai lagi dari awal.\n\nNama toko Anda?", reply);
        Assert.Empty(session.Conversations.Single().Answers);
    }
}
