using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>Builds catalogs from inline YAML through the same loader the assistant uses.</summary>
internal static class TestDialogs
{
    /// <summary>Loads the files and fails the test on any error, printing every diagnostic.</summary>
    public static DialogCatalog Catalog(params string[] yaml)
    {
        var result = DialogLoader.Load(yaml.Select((text, i) => new DialogSource($"test{i + 1}.yaml", text)));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(yaml.Length, result.Catalog.Dialogs.Count);
        return result.Catalog;
    }

    /// <summary>
    /// A business-data dialog that uses every step kind and the common input kinds, with a branch on two
    /// earlier answers and a computed class that decides the outcome.
    /// </summary>
    public const string Business = """
        id: business
        version: 1
        languages: [id, en]
        title: { id: Data usaha, en: Business data }
        commands: [/usaha]
        menu: 1
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
          workers:
            ask: { id: Berapa jumlah pekerja Anda?, en: How many workers do you have? }
            input: integer
            min: 0
            max: 1000
          sales:
            ask: { id: Berapa omzet per tahun?, en: What are your annual sales? }
            input: money
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
              id: "{profile.business_name}: {business_class}, omzet {sales}, {workers} pekerja, bidang {sector}."
              en: "{profile.business_name}: {business_class}, sales {sales}, {workers} workers, sector {sector}."
            next:
              - when: { eq: [business_class, micro] }
                goto: done_micro
              - goto: done_other
          done_micro:
            end: { id: "Terima kasih, data usaha mikro Anda tercatat.", en: "Thank you, your micro business is recorded." }
            outcome: micro
          done_other:
            end: { id: "Terima kasih, data usaha Anda tercatat.", en: "Thank you, your business is recorded." }
            outcome: not_micro
        """;

    /// <summary>A second, short dialog for the menu, pausing and resuming.</summary>
    public const string Survey = """
        id: survey
        version: 1
        languages: [id, en]
        title: { id: Survei kepuasan, en: Satisfaction survey }
        commands: [/survei]
        menu: 2
        start: score
        steps:
          score:
            ask: { id: Beri nilai layanan kami (1-5)., en: Rate our service (1-5). }
            input: integer
            min: 1
            max: 5
          comment:
            ask: { id: Ada saran?, en: Any suggestion? }
            input: text
          thanks:
            end: { id: Terima kasih atas masukan Anda., en: Thank you for your feedback. }
            outcome: rated
        """;
}
