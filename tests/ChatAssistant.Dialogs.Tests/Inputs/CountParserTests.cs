using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class CountParserTests
{
    [Theory]
    [InlineData("2", 2)]
    [InlineData("2 orang", 2)]
    [InlineData("2 org", 2)]
    [InlineData("2org", 2)]
    [InlineData("dua", 2)]
    [InlineData("dua orang", 2)]
    [InlineData("3 karyawan", 3)]
    [InlineData("3 pegawai", 3)]
    [InlineData("4 pekerja", 4)]
    [InlineData("5 people", 5)]
    [InlineData("5 workers", 5)]
    [InlineData("sepuluh", 10)]
    [InlineData("sepuluh orang", 10)]
    [InlineData("sebelas", 11)]
    [InlineData("dua belas orang", 12)]
    [InlineData("dua puluh", 20)]
    [InlineData("dua puluh lima orang", 25)]
    [InlineData("duapuluhlima orang", 25)]
    [InlineData("seratus", 100)]
    [InlineData("1.000", 1000)]
    [InlineData("1.000 orang", 1000)]
    [InlineData("0", 0)]
    [InlineData("nol", 0)]
    [InlineData("satu", 1)]
    [InlineData("1 orang", 1)]
    [InlineData("ada 2 orang", 2)]
    [InlineData("cuma 2", 2)]
    [InlineData("hanya 3 orang", 3)]
    [InlineData("only 2", 2)]
    [InlineData("two", 2)]
    [InlineData("twelve", 12)]
    [InlineData("2 orang kak", 2)]
    [InlineData("tiga orang pak", 3)]
    [InlineData("empat", 4)]
    [InlineData("lima", 5)]
    [InlineData("enam orang", 6)]
    [InlineData("tujuh", 7)]
    [InlineData("delapan", 8)]
    [InlineData("sembilan", 9)]
    [InlineData("15", 15)]
    [InlineData("2 orang karyawan", 2)]
    [InlineData("2 tenaga kerja", 2)]
    public void Count_parser_reads_numbers_of_people_in_digits_and_words(string text, long expected)
    {
        Assert.True(CountParser.TryRead(text, out var reading));
        Assert.Equal(new CountReading(expected, false, false), reading);
    }

    [Theory]
    [InlineData("tidak ada")]
    [InlineData("gak ada")]
    [InlineData("ga ada")]
    [InlineData("nggak ada")]
    [InlineData("belum ada")]
    [InlineData("tidak")]
    [InlineData("belum")]
    [InlineData("ndak ada")]
    [InlineData("kosong")]
    [InlineData("none")]
    [InlineData("0 orang")]
    [InlineData("nol orang")]
    [InlineData("Tidak ada kak")]
    [InlineData("gak punya")]
    public void Count_parser_reads_nobody_as_zero(string text)
    {
        Assert.True(CountParser.TryRead(text, out var reading));
        Assert.Equal(new CountReading(0, false, false), reading);
    }

    [Theory]
    [InlineData("sendiri")]
    [InlineData("sendirian")]
    [InlineData("cuma saya")]
    [InlineData("hanya saya")]
    [InlineData("saya sendiri")]
    [InlineData("saya aja")]
    [InlineData("only me")]
    [InlineData("just me")]
    [InlineData("myself")]
    [InlineData("Sendiri kak")]
    [InlineData("saya sendiri saja")]
    [InlineData("alone")]
    [InlineData("sendiri aja")]
    public void Count_parser_reports_only_me_so_the_question_decides(string text)
    {
        Assert.True(CountParser.TryRead(text, out var reading));
        Assert.Equal(new CountReading(0, false, SelfOnly: true), reading);
    }

    [Theory]
    [InlineData("5-an", 5)]
    [InlineData("5an", 5)]
    [InlineData("sekitar 10", 10)]
    [InlineData("sekitar 10 orang", 10)]
    [InlineData("kurang lebih 20", 20)]
    [InlineData("± 10", 10)]
    [InlineData("10an orang", 10)]
    [InlineData("kira-kira 8 orang", 8)]
    [InlineData("about 10", 10)]
    [InlineData("belasan", 15)]
    public void Count_parser_reads_approximate_counts_and_says_so(string text, long expected)
    {
        Assert.True(CountParser.TryRead(text, out var reading));
        Assert.Equal(new CountReading(expected, true, false), reading);
    }

    // Not a count of people: a fraction, a negative, nothing, a word that is not a number.
    [Theory]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("-2")]
    [InlineData("orang")]
    [InlineData("banyak sekali pokoknya")]
    public void Count_parser_refuses_what_is_not_a_count(string text)
    {
        Assert.False(CountParser.TryRead(text, out _));
    }
}
