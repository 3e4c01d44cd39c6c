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

    public const string Review = """
        id: review
        version: 1
        languages: [id, en]
        title: {id: Tinjau, en: Review}
        commands: [/tinjau]
        start: shop
        steps:
          shop:
            ask: {id: "Punya toko?", en: "A shop?"}
            input: yesno
            next:
              - when: {eq: [shop, true]}
                goto: city
              - goto: check
          city:
            ask: {id: "Kota toko?", en: "Shop city?"}
          check:
            review: {id: "Periksa:", en: "Check:"}
            keys:
              - {key: shop, label: {id: Toko, en: Shop}}
              - {key: city, label: {id: Kota, en: City}}
          done:
            end: {id: "Selesai.", en: "Done."}
        """;
}
