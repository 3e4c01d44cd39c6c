using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Tests.Running;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>Programme rules as dated, sourced data: read once with the dialogs, compared with and cited by key.</summary>
public class ProgrammeDataTests
{
    private const string Data = """
        programmes:
          sehati:
            name: { id: Halal gratis, en: Free halal }
            source: Kepkaban BPJPH No. 146/2025
            as_of: 2025-08-01
            review_by: 2027-02-28
            rules:
              max_sales: 15 miliar
              deadline:
                value: 2026-10-17
                source: PP No. 42/2024
                as_of: 2024-10-17
                review_by: 2026-11-30
              where:
                text: { id: di SIHALAL, en: at SIHALAL }
        """;

    private const string Dialog = """
        id: halal
        version: 1
        title: { id: Halal, en: Halal }
        commands: [/halal]
        start: sales
        steps:
          sales:
            ask: { id: "Omzet setahun?", en: "Annual sales?" }
            input: money
            next:
              - when: { gt: [sales, programme.sehati.max_sales] }
                goto: over
              - goto: fits
          fits:
            end: { id: "Memenuhi kriteria (sampai {programme.sehati.max_sales}), daftar {programme.sehati.where}. ({programme.sehati.source})", en: "Meets the criteria (up to {programme.sehati.max_sales}), apply {programme.sehati.where}. ({programme.sehati.source})" }
            outcome: fits
          over:
            end: { id: "Di atas {programme.sehati.max_sales}. ({programme.sehati.deadline.source})", en: "Above {programme.sehati.max_sales}. ({programme.sehati.deadline.source})" }
            outcome: over
        """;

    private static DialogLoadResult Load(string dialog = Dialog, string data = Data, DateOnly? today = null) =>
        DialogLoader.Load([new DialogSource("halal.yaml", dialog), new DialogSource("data/programmes.yaml", data)], today: today, channels: HostChannels.Limits);

    [Fact]
    public void A_rule_past_its_review_date_is_a_stale_rule_warning_at_its_line()
    {
        var result = Load(today: new DateOnly(2026, 12, 3));

        var stale = Assert.Single(result.Diagnostics);
        Assert.Equal("data/programmes.yaml:9:7: warning stale-rule: rule 'programme.sehati.deadline' was due for review by 2026-11-30 (PP No. 42/2024, as of 2024-10-17); check it against the current rule, then update its value, as_of and review_by", stale.ToString());
        Assert.False(result.HasErrors);
        Assert.NotNull(result.Catalog.Find("halal"));
    }

    [Fact]
    public void Every_rule_past_its_date_warns_and_none_does_on_its_review_day()
    {
        Assert.Empty(Load(today: new DateOnly(2026, 11, 30)).Diagnostics);
        Assert.Equal(
            ["programme.sehati.max_sales", "programme.sehati.deadline", "programme.sehati.where"],
            Load(today: new DateOnly(2027, 3, 1)).Diagnostics.Select(d => d.Message.Split('\'')[1]));
        Assert.Empty(Load(today: null).Diagnostics);
    }

    [Fact]
    public void The_shipped_rules_are_all_within_their_review_dates_on_3_December_2026()
    {
        var result = ShippedDialogsLoad(new DateOnly(2026, 12, 3));

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.StaleRule);
        Assert.NotNull(result.Catalog.Programmes);
        Assert.All(result.Catalog.Programmes!.Rules, r => Assert.True(r.AsOf <= r.ReviewBy && !string.IsNullOrWhiteSpace(r.Source), r.Key));
    }

    [Theory]
    [InlineData("15 miliar", "fits")]
    [InlineData("15.000.000.001", "over")]
    public void A_condition_compares_with_the_rules_value(string sales, string outcome)
    {
        var chat = new Chat(Load().Catalog);
        chat.Send("/halal");
        chat.Send(sales);

        Assert.Equal(outcome, chat.Session.Conversations[0].Outcome);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "Memenuhi kriteria (sampai Rp15 miliar), daftar di SIHALAL. (Sumber: Kepkaban BPJPH No. 146/2025, per Agustus 2025)")]
    [InlineData(Languages.English, "Meets the criteria (up to Rp15 billion), apply at SIHALAL. (Source: Kepkaban BPJPH No. 146/2025, as of August 2025)")]
    public void A_text_shows_the_rule_as_people_say_it_and_ends_with_its_source(string language, string expected)
    {
        var chat = new Chat(Load().Catalog, language);
        chat.Send("/halal");

        Assert.StartsWith(expected, chat.Send("100 juta").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_its_own_source_is_cited_with_it()
    {
        var chat = new Chat(Load().Catalog);
        chat.Send("/halal");

        Assert.StartsWith("Di atas Rp15 miliar. (Sumber: PP No. 42/2024, per Oktober 2024)", chat.Send("20 miliar").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_does_not_exist_is_an_error_where_it_is_named()
    {
        var dialog = Dialog
            .Replace("programme.sehati.max_sales] }", "programme.sehati.max_sale] }", StringComparison.Ordinal)
            .Replace("({programme.sehati.source})\", en: \"Meets", "({programme.sehati.sumber})\", en: \"Meets", StringComparison.Ordinal);

        var errors = Load(dialog).Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("halal.yaml:11:29: error unknown-rule: no programme rule 'programme.sehati.max_sale' in data/programmes.yaml (did you mean 'programme.sehati.max_sales'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("halal.yaml:15:", StringComparison.Ordinal) && e.Contains("error unknown-rule: no programme rule 'programme.sehati.sumber'", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_data_file_a_rule_is_an_error_saying_so()
    {
        var result = DialogLoader.Load([new DialogSource("halal.yaml", Dialog)], channels: HostChannels.Limits);

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.UnknownRule && d.Message.Contains("no programme data file", StringComparison.Ordinal));
        Assert.Null(result.Catalog.Find("halal"));
    }

    [Fact]
    public void A_pinned_version_loaded_alone_gets_the_rules_the_catalog_was_loaded_with()
    {
        var catalog = Load().Catalog;

        var alone = DialogLoader.Load([new DialogSource("halal.yaml", Dialog)], programmes: catalog.Programmes, channels: HostChannels.Limits);

        Assert.False(alone.HasErrors);
        Assert.NotNull(alone.Catalog.Find("halal"));
    }

    [Theory]
    [InlineData("    source: Kepkaban BPJPH No. 146/2025\n", "", "missing-field", 8)]
    [InlineData("    review_by: 2027-02-28\n", "    review_by: 2024-01-01\n", "bad-value", 8)]
    [InlineData("    as_of: 2025-08-01\n", "    as_of: 1 Agustus 2025\n", "bad-value", 5)]
    [InlineData("      max_sales: 15 miliar\n", "      max_sales: 15 miliar\n      sumber: x\n", "unknown-key", 9)]
    public void A_mistake_in_the_data_file_is_an_error_at_its_line(string written, string replacement, string code, int line)
    {
        var data = Data.Replace(written, replacement, StringComparison.Ordinal);
        if (code == "unknown-key")
        {
            data = data.Replace("      sumber: x\n", "      where2:\n        texts: x\n", StringComparison.Ordinal);
        }

        var result = Load(data: data);

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Code == code && d.Position.File == "data/programmes.yaml" && d.Position.Line >= line);
    }

    [Fact]
    public void Owners_are_addressed_as_the_deployment_says()
    {
        const string greeting = """
            id: greet
            version: 1
            title: Salam
            commands: [/salam]
            start: hello
            steps:
              hello:
                end: { id: "Selamat datang, {sapaan}.", en: "Welcome; we will ask {sapaan} a few things." }
                outcome: done
            """;

        Assert.StartsWith("Selamat datang, Bapak/Ibu.", new Chat(DialogLoader.Load([new DialogSource("g.yaml", greeting)]).Catalog).Send("/salam").Text, StringComparison.Ordinal);
        Assert.StartsWith("Selamat datang, Kakak.", new Chat(DialogLoader.Load([new DialogSource("g.yaml", greeting)], salutation: "Kakak").Catalog).Send("/salam").Text, StringComparison.Ordinal);
        Assert.StartsWith("Welcome; we will ask you a few things.", new Chat(DialogLoader.Load([new DialogSource("g.yaml", greeting)]).Catalog, Languages.English).Send("/salam").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_content_sources_lists_every_shipped_rule_with_its_source_and_dates()
    {
        var doc = File.ReadAllText(RepositoryFiles.Path("docs", "content-sources.md"));
        var rules = ShippedDialogsLoad(null).Catalog.Programmes!.Rules;

        Assert.All(rules, rule =>
        {
            var row = doc.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{rule.Key}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"{rule.Key} is not in docs/content-sources.md");
            Assert.Contains(rule.Source, row, StringComparison.Ordinal);
            Assert.Contains(rule.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
            Assert.Contains(rule.ReviewBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        });
    }

    private static DialogLoadResult ShippedDialogsLoad(DateOnly? today) => DialogLoader.Load(
        Directory.EnumerateFiles(RepositoryFiles.Path("dialogs"), "*.yaml")
            .Select(f => new DialogSource(Path.GetRelativePath(RepositoryFiles.Root, f), File.ReadAllText(f)))
            .Append(new DialogSource("dialogs/data/programmes.yaml", File.ReadAllText(RepositoryFiles.Path("dialogs", "data", "programmes.yaml")))),
        today: today,
        channels: HostChannels.Limits);
}
