using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Messages;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Benchmarks.Support;

/// <summary>
/// The dialog the benchmarks drive: every step kind once (say, ask text / money / choice / yes-no, compute, a
/// branch on two answers, end), in the shape of the shipped dialogs. Kept here rather than in <c>dialogs/</c> so
/// that the figures do not move when a maintainer edits a shipped dialog.
/// </summary>
internal static class BenchDialog
{
    public const string Command = "/bench";

    public const string Yaml = """
        id: bench
        version: 1
        languages: [id, en]
        title: { id: Data usaha (uji beban), en: Business data (load test) }
        commands: [/bench]
        menu: 9
        start: welcome
        labels:
          micro: { id: usaha mikro, en: a micro business }
          bigger: { id: bukan usaha mikro, en: not a micro business }
        steps:
          welcome:
            say: { id: Selamat datang di pendataan usaha., en: Welcome to the business survey. }
          name:
            ask: { id: Apa nama usaha Anda?, en: What is your business called? }
            input: text
            max: 60
            save: profile.business_name
          sales:
            ask: { id: "Berapa omzet per tahun? Contoh: 150 juta.", en: "What are your annual sales? For example: 150 juta." }
            input: money
            min: 0
          sector:
            ask: { id: Apa bidang usaha Anda?, en: What is your sector? }
            input: choice
            options:
              - { value: food, id: Makanan, en: Food }
              - { value: craft, id: Kerajinan, en: Craft }
              - { value: other, id: Lainnya, en: Other }
          has_nib:
            ask: { id: Apakah Anda punya NIB?, en: Do you have an NIB? }
            input: yesno
            next:
              - when: { all: [ { eq: [has_nib, yes] }, { eq: [sector, food] } ] }
                goto: halal
              - goto: classify
          halal:
            ask: { id: Apakah produk Anda sudah bersertifikat halal?, en: Are your products halal certified? }
            input: yesno
          classify:
            compute: business_class
            cases:
              - when: { lte: [sales, 2 miliar] }
                value: micro
              - value: bigger
          summary:
            say:
              id: "{profile.business_name}: {business_class}, omzet {sales}, bidang {sector}."
              en: "{profile.business_name}: {business_class}, sales {sales}, sector {sector}."
            next:
              - when: { eq: [business_class, micro] }
                goto: plan_micro
              - goto: plan_other
          plan_micro:
            ask: { id: Apa rencana usaha Anda tahun ini?, en: What are your business plans for this year? }
            input: text
            next:
              - goto: done
          plan_other:
            ask: { id: Apa rencana ekspansi usaha Anda?, en: What are your expansion plans? }
            input: text
          done:
            end: { id: "Terima kasih, data usaha Anda tercatat.", en: "Thank you, your business is recorded." }
            outcome: recorded
        """;

    /// <summary>
    /// What a simulated owner sends, in order, round and round: one full conversation is seven messages and
    /// touches every step kind. Owners are seeded waiting at <see cref="SeededStep"/>, i.e. at script index
    /// <see cref="SeededScriptIndex"/>.
    /// </summary>
    public static readonly InboundMessage[] Script =
    [
        InboundMessage.FromText(Command),                       // say + ask (start)
        InboundMessage.FromText("Toko Sari Rasa"),              // ask text
        InboundMessage.FromText("Rp150jt"),                     // ask money
        InboundMessage.FromText("Makanan"),                     // ask choice (typed: a tap's token belongs to one rendering)
        InboundMessage.FromText("ya"),                          // ask yes/no, then a branch on two answers
        InboundMessage.FromText("tidak"),                       // yes/no, then compute, say and branch
        InboundMessage.FromText("Buka cabang kedua"),           // ask text, then end
    ];

    /// <summary>The step an owner waits at before sending <c>Script[i]</c>; none before the first message of a round.</summary>
    public static readonly string?[] AwaitedSteps = [null, "name", "sales", "sector", "has_nib", "halal", "plan_micro"];

    public const string SeededStep = "sector";

    public const int SeededScriptIndex = 3;

    public static DialogCatalog Catalog()
    {
        var result = DialogLoader.Load([new DialogSource("bench.yaml", Yaml)]);
        if (result.HasErrors || result.Catalog.Dialogs.Count != 1)
        {
            throw new InvalidOperationException("The benchmark dialog does not load:\n" + string.Join('\n', result.Diagnostics));
        }

        return result.Catalog;
    }
}
