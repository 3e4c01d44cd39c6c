using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Loading;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>
/// Consent questions of the shipped dialogs stay short (issue 13, tone): at most 35 words, with the detail behind a
/// "Kenapa?" ("Why?") button. A consent question is one that offers that button.
/// </summary>
public class ConsentTextTests
{
    private const int MaxWords = 35;

    private static IReadOnlyList<(string Dialog, AskStep Step)> ConsentQuestions()
    {
        var folder = RepositoryFiles.Path("dialogs");
        var sources = Directory.GetFiles(folder, "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(folder, "data"), "*.yaml"))
            .Select(path => new DialogSource(Path.GetRelativePath(folder, path), File.ReadAllText(path)));
        var result = DialogLoader.Load(sources, channels: HostChannels.Limits);

        return [.. result.Catalog.Dialogs
            .SelectMany(dialog => dialog.Definition.Steps.OfType<AskStep>()
                .Where(step => step.Input.Options.Any(option => option.Value == "why"))
                .Select(step => (dialog.Definition.Id, step)))];
    }

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public void Every_dialog_that_asks_consent_offers_Kenapa()
    {
        var asking = ConsentQuestions().Select(q => $"{q.Dialog}.{q.Step.Id}").Order(StringComparer.Ordinal);

        Assert.Equal(["privacy-delete.confirm", "stimulus-eligibility.consent", "training-registration.consent"], asking);
        Assert.All(ConsentQuestions(), q =>
        {
            var why = q.Step.Input.Options.Single(option => option.Value == "why");
            Assert.Equal("Kenapa?", why.Label.Plain(Languages.Indonesian));
            Assert.Equal("Why?", why.Label.Plain(Languages.English));
        });
    }

    [Fact]
    public void Every_consent_text_is_at_most_35_words_in_both_languages()
    {
        var questions = ConsentQuestions();

        Assert.NotEmpty(questions);
        Assert.All(questions, q => Assert.All(q.Step.Question.ByLanguage, text =>
            Assert.True(Words(text.Value.Source) <= MaxWords, $"{q.Dialog}.{q.Step.Id} ({text.Key}) has {Words(text.Value.Source)} words: {text.Value.Source}")));
    }

    [Fact]
    public void Counting_words_counts_a_long_text_as_too_long()
    {
        // The rule bites: the privacy-delete question before issue 13 had 62 words.
        const string Old = "Jika Anda setuju, kami akan menghapus: profil Anda (nama, nama usaha, NIK, nomor HP, dan lainnya), semua jawaban Anda di setiap layanan, dan riwayat pesan kami kepada Anda. Yang tetap kami simpan hanya alamat chat ini (agar kami tetap bisa membalas Anda) dan catatan tanpa nama tentang layanan yang pernah dipakai beserta hasilnya, untuk statistik. Penghapusan tidak bisa dibatalkan. Hapus data Anda sekarang?";

        Assert.True(Words(Old) > MaxWords);
    }
}
