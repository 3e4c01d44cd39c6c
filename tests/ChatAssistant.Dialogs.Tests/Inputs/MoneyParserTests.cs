using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Texts;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class MoneyParserTests
{
    [Theory]
    [InlineData("15000000", 15_000_000L)]
    [InlineData("15.000.000", 15_000_000L)]
    [InlineData("15,000,000", 15_000_000L)]
    [InlineData("  15.000.000  ", 15_000_000L)]
    [InlineData("15.000", 15_000L)]
    [InlineData("0", 0L)]
    [InlineData("15.000.000,00", 15_000_000L)]
    [InlineData("15,000,000.00", 15_000_000L)]
    [InlineData("15.000.000.", 15_000_000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Money_parser_understands_plain_and_grouped_amounts(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("Rp15.000.000", 15_000_000L)]
    [InlineData("Rp 15.000.000", 15_000_000L)]
    [InlineData("Rp. 15.000.000,-", 15_000_000L)]
    [InlineData("RP.15.000.000,-", 15_000_000L)]
    [InlineData("15.000.000,-", 15_000_000L)]
    [InlineData("15.000.-", 15_000L)]
    [InlineData("rp 15jt", 15_000_000L)]
    [InlineData("IDR 2.500.000", 2_500_000L)]
    [InlineData("15.000 rupiah", 15_000L)]
    [InlineData("15 juta rupiah", 15_000_000L)]
    public void Money_parser_ignores_currency_decorations(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("15 juta", 15_000_000L)]
    [InlineData("15jt", 15_000_000L)]
    [InlineData("15 jt", 15_000_000L)]
    [InlineData("15 JUTA", 15_000_000L)]
    [InlineData("15 Jt.", 15_000_000L)]
    [InlineData("1,5 juta", 1_500_000L)]
    [InlineData("1.5 juta", 1_500_000L)]
    [InlineData("2.25 juta", 2_250_000L)]
    [InlineData("1.500 juta", 1_500_000_000L)]
    [InlineData("1,500 juta", 1_500_000_000L)]
    [InlineData("1,5 M", 1_500_000_000L)]
    [InlineData("1,5 m", 1_500_000_000L)]
    [InlineData("1,5 miliar", 1_500_000_000L)]
    [InlineData("2 milyar", 2_000_000_000L)]
    [InlineData("2 M", 2_000_000_000L)]
    [InlineData("2M", 2_000_000_000L)]
    [InlineData("2 Miliar", 2_000_000_000L)]
    [InlineData("2 triliun", 2_000_000_000_000L)]
    [InlineData("1,25 T", 1_250_000_000_000L)]
    [InlineData("0,5 juta", 500_000L)]
    public void Money_parser_understands_juta_and_miliar(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("500 ribu", 500_000L)]
    [InlineData("500ribu", 500_000L)]
    [InlineData("500rb", 500_000L)]
    [InlineData("500 rb", 500_000L)]
    [InlineData("500k", 500_000L)]
    [InlineData("500K", 500_000L)]
    [InlineData("2,5 rb", 2_500L)]
    [InlineData("1,2345 rb", 1_235L)]
    [InlineData("1,2344 rb", 1_234L)]
    [InlineData("1,2345678 juta", 1_234_568L)]
    public void Money_parser_understands_ribu_and_rounds_to_the_nearest_rupiah(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("lima belas juta", 15000000L)]
    [InlineData("dua juta", 2000000L)]
    [InlineData("seratus lima puluh juta", 150000000L)]
    [InlineData("satu setengah miliar", 1500000000L)]
    [InlineData("sejuta", 1000000L)]
    [InlineData("seratus ribu", 100000L)]
    [InlineData("lima ratus rebu", 500000L)]
    [InlineData("lima ratus ribu", 500000L)]
    [InlineData("dua ratus lima puluh ribu", 250000L)]
    [InlineData("tiga juta lima ratus ribu", 3500000L)]
    [InlineData("sepuluh juta", 10000000L)]
    [InlineData("sebelas juta", 11000000L)]
    [InlineData("dua belas juta", 12000000L)]
    [InlineData("seribu", 1000L)]
    [InlineData("seratus juta", 100000000L)]
    [InlineData("setengah juta", 500000L)]
    [InlineData("sejuta setengah", 1500000L)]
    [InlineData("dua juta setengah", 2500000L)]
    [InlineData("satu miliar", 1000000000L)]
    [InlineData("semiliar", 1000000000L)]
    [InlineData("dua puluh lima juta", 25000000L)]
    [InlineData("tujuh ratus lima puluh ribu", 750000L)]
    [InlineData("delapan juta", 8000000L)]
    [InlineData("empat ratus delapan puluh juta", 480000000L)]
    [InlineData("15 juta 500 ribu", 15500000L)]
    [InlineData("1 miliar 200 juta", 1200000000L)]
    [InlineData("2jt500rb", 2500000L)]
    [InlineData("2 ribu 500", 2500L)]
    [InlineData("15 000 000", 15000000L)]
    [InlineData("１５０００", 15000L)]
    [InlineData("15.000.000,", 15000000L)]
    [InlineData("Rp1", 1L)]
    [InlineData("0", 0L)]
    [InlineData("nol", 0L)]
    [InlineData("gak ada", 0L)]
    [InlineData("tidak ada", 0L)]
    [InlineData("belum ada", 0L)]
    [InlineData("Rp 0", 0L)]
    [InlineData("300rbu", 300000L)]
    [InlineData("300 rebu", 300000L)]
    [InlineData("2 M", 2000000000L)]
    [InlineData("1 T", 1000000000000L)]
    [InlineData("1,5 milyar", 1500000000L)]
    [InlineData("Rp 2.500.000,00", 2500000L)]
    [InlineData("IDR 15.000.000", 15000000L)]
    [InlineData("idr 15,000,000", 15000000L)]
    [InlineData("1.5 bn", 1500000000L)]
    [InlineData("2 billion", 2000000000L)]
    [InlineData("two million", 2000000L)]
    [InlineData("two hundred thousand", 200000L)]
    [InlineData("one hundred fifty million", 150000000L)]
    [InlineData("a million", 1000000L)]
    [InlineData("fifteen thousand", 15000L)]
    [InlineData("limaratus ribu", 500_000L)]
    [InlineData("limaratus rebu", 500_000L)]
    [InlineData("limaratusrebu", 500_000L)]
    [InlineData("duapuluh juta", 20_000_000L)]
    [InlineData("tigapuluhlima juta", 35_000_000L)]
    [InlineData("seratusribu", 100_000L)]
    [InlineData("duabelas juta", 12_000_000L)]
    [InlineData("satujuta", 1_000_000L)]
    [InlineData("sejutasetengah", 1_500_000L)]
    [InlineData("duaratuslimapuluh juta", 250_000_000L)]
    [InlineData("omzet 15 juta", 15_000_000L)]
    [InlineData("15jt kak", 15_000_000L)]
    [InlineData("modal cuma 5 juta", 5_000_000L)]
    [InlineData("totalnya 2,5 jt pak", 2_500_000L)]
    public void Money_parser_reads_words_compounds_and_spaced_groups(string text, long expected)
    {
        Assert.True(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(expected, rupiah);
    }

    [Theory]
    [InlineData("480m", 480000000L)]
    [InlineData("480M", 480000000L)]
    [InlineData("480 m", 480000000L)]
    [InlineData("25 million", 25000000L)]
    [InlineData("1.5 billion", 1500000000L)]
    [InlineData("IDR 15,000,000", 15000000L)]
    [InlineData("15k", 15000L)]
    [InlineData("2.5 million", 2500000L)]
    [InlineData("Rp 25 million", 25000000L)]
    [InlineData("two million", 2000000L)]
    [InlineData("1.2m", 1200000L)]
    [InlineData("3 bn", 3000000000L)]
    [InlineData("1.5b", 1500000000L)]
    [InlineData("15 juta", 15000000L)]
    [InlineData("1 trillion", 1000000000000L)]
    public void Money_parser_reads_english_units_with_m_as_million(string text, long expected)
    {
        Assert.True(MoneyParser.TryRead(text, Languages.English, out var reading));
        Assert.Equal(new MoneyReading(expected, false, MoneyPeriod.None), reading);
    }

    [Fact]
    public void Money_parser_reads_m_as_miliar_in_indonesian()
    {
        Assert.True(MoneyParser.TryRead("480m", Languages.Indonesian, out var reading));
        Assert.Equal(480_000_000_000L, reading.Rupiah);
    }

    [Theory]
    [InlineData("200 jutaan", 200000000L)]
    [InlineData("sekitar 200jt", 200000000L)]
    [InlineData("200an juta", 200000000L)]
    [InlineData("200-an juta", 200000000L)]
    [InlineData("200jtan", 200000000L)]
    [InlineData("kurang lebih 5 juta", 5000000L)]
    [InlineData("kira-kira 5 juta", 5000000L)]
    [InlineData("kira2 5jt", 5000000L)]
    [InlineData("±5jt", 5000000L)]
    [InlineData("± 5 juta", 5000000L)]
    [InlineData("~5jt", 5000000L)]
    [InlineData("+- 5jt", 5000000L)]
    [InlineData("sekitar dua juta", 2000000L)]
    [InlineData("5 juta lebih", 5000000L)]
    [InlineData("lebih dari 5 juta", 5000000L)]
    [InlineData("hampir 10 juta", 10000000L)]
    [InlineData("kurleb 3jt", 3000000L)]
    [InlineData("sktr 3jt", 3000000L)]
    [InlineData("about 25 million", 25000000L)]
    [InlineData("around 2 million", 2000000L)]
    [InlineData("10-20 juta", 15000000L)]
    [InlineData("10 - 20 juta", 15000000L)]
    [InlineData("10 sampai 20 juta", 15000000L)]
    [InlineData("10jt s/d 20jt", 15000000L)]
    [InlineData("15.000 - 20.000", 17500L)]
    [InlineData("500 ribuan", 500000L)]
    [InlineData("kisaran 50jt", 50000000L)]
    [InlineData("belasan juta", 15000000L)]
    public void Money_parser_reads_approximate_amounts_and_says_so(string text, long expected)
    {
        Assert.True(MoneyParser.TryRead(text, Languages.Indonesian, out var reading));
        Assert.Equal(new MoneyReading(expected, true, MoneyPeriod.None), reading);
    }

    [Theory]
    [InlineData("15jt sebulan", 15000000L, "Month")]
    [InlineData("15 juta per bulan", 15000000L, "Month")]
    [InlineData("15jt/bln", 15000000L, "Month")]
    [InlineData("15 jt / bulan", 15000000L, "Month")]
    [InlineData("15jt perbulan", 15000000L, "Month")]
    [InlineData("15 juta tiap bulan", 15000000L, "Month")]
    [InlineData("15 juta setiap bulan", 15000000L, "Month")]
    [InlineData("15 juta sebulannya", 15000000L, "Month")]
    [InlineData("bulanan 15 juta", 15000000L, "Month")]
    [InlineData("15 juta dalam 1 bulan", 15000000L, "Month")]
    [InlineData("500rb per hari", 500000L, "Day")]
    [InlineData("500 ribu sehari", 500000L, "Day")]
    [InlineData("500rb/hari", 500000L, "Day")]
    [InlineData("2jt seminggu", 2000000L, "Week")]
    [InlineData("2 juta per minggu", 2000000L, "Week")]
    [InlineData("2jt sepekan", 2000000L, "Week")]
    [InlineData("180 juta setahun", 180000000L, "Year")]
    [InlineData("180jt per tahun", 180000000L, "Year")]
    [InlineData("180jt/thn", 180000000L, "Year")]
    [InlineData("Rp 15.000.000 per bulan", 15000000L, "Month")]
    public void Money_parser_reports_the_period_an_amount_was_given_for_without_converting_it(string text, long expected, string period)
    {
        Assert.True(MoneyParser.TryRead(text, Languages.Indonesian, out var reading));
        Assert.Equal(new MoneyReading(expected, false, Enum.Parse<MoneyPeriod>(period)), reading);
    }

    [Theory]
    [InlineData("15 million a month", 15_000_000L, "Month")]
    [InlineData("15 million per month", 15_000_000L, "Month")]
    [InlineData("500k a day", 500_000L, "Day")]
    [InlineData("2m weekly", 2_000_000L, "Week")]
    [InlineData("180m per year", 180_000_000L, "Year")]
    public void Money_parser_reports_english_periods(string text, long expected, string period)
    {
        Assert.True(MoneyParser.TryRead(text, Languages.English, out var reading));
        Assert.Equal(new MoneyReading(expected, false, Enum.Parse<MoneyPeriod>(period)), reading);
    }

    [Theory]
    [InlineData("tidak", true)]
    [InlineData("ga", true)]
    [InlineData("gak kak", true)]
    [InlineData("no", true)]
    [InlineData("belum", true)]
    [InlineData("gak ada", false)]
    [InlineData("tidak ada", false)]
    [InlineData("belum ada omzet", false)]
    [InlineData("belum punya modal", false)]
    [InlineData("no, none", false)]
    [InlineData("nol", false)]
    [InlineData("kosong", false)]
    public void Money_parser_reads_a_bare_no_as_nothing_but_not_surely(string text, bool unsure)
    {
        Assert.True(MoneyParser.TryRead(text, Languages.Indonesian, out var reading));
        Assert.Equal(new MoneyReading(0, false, MoneyPeriod.None, unsure), reading);
    }

    [Fact]
    public void Money_parser_keeps_approximation_and_period_together()
    {
        Assert.True(MoneyParser.TryRead("sekitar 15jt sebulan", Languages.Indonesian, out var reading));
        Assert.Equal(new MoneyReading(15_000_000, true, MoneyPeriod.Month), reading);
    }

    [Fact]
    public void Money_parser_old_entry_point_refuses_a_per_period_amount_rather_than_storing_it_as_a_total()
    {
        Assert.False(MoneyParser.TryParse("15jt sebulan", out _));
    }

    // Not amounts: nothing, a negative, a fraction of a rupiah, another currency, digits in an order no one
    // writes, a reversed range, two periods, beyond what a long holds.
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Rp")]
    [InlineData("Rp.")]
    [InlineData("juta")]
    [InlineData("-15000")]
    [InlineData("Rp -15.000")]
    [InlineData("-15 juta")]
    [InlineData("abc")]
    [InlineData("15 juta 3")]
    [InlineData("15 20")]
    [InlineData("1,5")]
    [InlineData("2.25")]
    [InlineData("15.000,5")]
    [InlineData("15 dolar")]
    [InlineData("1.50.000")]
    [InlineData("1500.000")]
    [InlineData("15..000")]
    [InlineData(",5 juta")]
    [InlineData("1.000,000.5")]
    [InlineData("9223372036854775808")]
    [InlineData("10000000 triliun")]
    [InlineData("99999999999999999999999999999999 juta")]
    [InlineData("15jt sehari sebulan")]
    [InlineData("20 - 10 juta")]
    [InlineData("limaratuss ribu")]
    [InlineData("limaratusan ribu")]
    [InlineData("duta juta")]
    [InlineData("duaribua")]
    public void Money_parser_refuses_what_it_cannot_read_with_certainty(string text)
    {
        Assert.False(MoneyParser.TryParse(text, out var rupiah));
        Assert.Equal(0, rupiah);
    }
}
