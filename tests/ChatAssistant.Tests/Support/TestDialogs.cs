namespace ChatAssistant.Tests.Support;

/// <summary>Small dialogs written for these tests, so they do not change when the shipped content does.</summary>
internal static class TestDialogs
{
    public const string Sales = """
        id: sales
        version: 1
        languages: [id, en]
        title: {id: Cek omzet, en: Sales check}
        commands: [/omzet]
        start: hello
        steps:
          hello:
            say: {id: "Halo!", en: "Hello!"}
          name:
            ask: {id: "Nama usaha Anda?", en: "Your business name?"}
            save: profile.business_name
          sales:
            ask: {id: "Omzet setahun?", en: "Annual sales?"}
            input: money
          kur:
            ask: {id: "Punya KUR?", en: "Do you have KUR?"}
            input: yesno
            next:
              - when: {all: [{eq: [kur, false]}, {lte: [sales, 2 miliar]}]}
                goto: micro
              - goto: other
          micro:
            end: {id: "{profile.business_name}: usaha mikro, omzet {sales}.", en: "{profile.business_name}: micro business, sales {sales}."}
            outcome: micro
          other:
            end: {id: "Terima kasih.", en: "Thank you."}
            outcome: other
        """;
}
