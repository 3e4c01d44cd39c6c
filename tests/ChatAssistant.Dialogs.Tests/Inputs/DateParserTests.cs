using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class DateParserTests
{
    [Theory]
    [InlineData("31-12-2025", 2025, 12, 31)]
    [InlineData("31/12/2025", 2025, 12, 31)]
    [InlineData("31.12.2025", 2025, 12, 31)]
    [InlineData("2025-12-31", 2025, 12, 31)]
    [InlineData("2025/12/31", 2025, 12, 31)]
    [InlineData("1-2-2025", 2025, 2, 1)]
    [InlineData("01-02-2025", 2025, 2, 1)]
    [InlineData("2025-2-1", 2025, 2, 1)]
    [InlineData(" 29-02-2024 ", 2024, 2, 29)]
    [InlineData("31 12 2025", 2025, 12, 31)]
    public void Date_parser_reads_numeric_dates_day_first_or_iso(string text, int year, int month, int day)
    {
        Assert.True(DateParser.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("31 Desember 2025", 2025, 12, 31)]
    [InlineData("31 Des 2025", 2025, 12, 31)]
    [InlineData("31 December 2025", 2025, 12, 31)]
    [InlineData("31 Dec 2025", 2025, 12, 31)]
    [InlineData("31 DESEMBER 2025", 2025, 12, 31)]
    [InlineData("31 des. 2025", 2025, 12, 31)]
    [InlineData("31-Des-2025", 2025, 12, 31)]
    [InlineData("31Des2025", 2025, 12, 31)]
    [InlineData("1 Januari 2025", 2025, 1, 1)]
    [InlineData("1 Jan 2025", 2025, 1, 1)]
    [InlineData("14 Februari 2025", 2025, 2, 14)]
    [InlineData("14 Pebruari 2025", 2025, 2, 14)]
    [InlineData("14 February 2025", 2025, 2, 14)]
    [InlineData("3 Maret 2025", 2025, 3, 3)]
    [InlineData("3 March 2025", 2025, 3, 3)]
    [InlineData("21 April 2025", 2025, 4, 21)]
    [InlineData("1 Mei 2025", 2025, 5, 1)]
    [InlineData("1 May 2025", 2025, 5, 1)]
    [InlineData("1 Juni 2025", 2025, 6, 1)]
    [InlineData("1 Jul 2025", 2025, 7, 1)]
    [InlineData("17 Agustus 1945", 1945, 8, 17)]
    [InlineData("17 Agu 1945", 1945, 8, 17)]
    [InlineData("17 Agt 1945", 1945, 8, 17)]
    [InlineData("17 August 1945", 1945, 8, 17)]
    [InlineData("17 Aug 1945", 1945, 8, 17)]
    [InlineData("9 Sept 2025", 2025, 9, 9)]
    [InlineData("28 Oktober 1928", 1928, 10, 28)]
    [InlineData("28 Okt 1928", 1928, 10, 28)]
    [InlineData("28 Oct 1928", 1928, 10, 28)]
    [InlineData("10 Nopember 2025", 2025, 11, 10)]
    [InlineData("10 Nop 2025", 2025, 11, 10)]
    [InlineData("10 Nov 2025", 2025, 11, 10)]
    [InlineData("10 November 2025", 2025, 11, 10)]
    public void Date_parser_reads_indonesian_and_english_month_names(string text, int year, int month, int day)
    {
        Assert.True(DateParser.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("December 31, 2025", 2025, 12, 31)]
    [InlineData("December 31 2025", 2025, 12, 31)]
    [InlineData("Dec 31, 2025", 2025, 12, 31)]
    [InlineData("January 1, 2024", 2024, 1, 1)]
    [InlineData("Jan 1 2024", 2024, 1, 1)]
    [InlineData("December 31st, 2025", 2025, 12, 31)]
    [InlineData("31st December 2025", 2025, 12, 31)]
    [InlineData("1st of January 2024", 2024, 1, 1)]
    [InlineData("1 Jan 2024", 2024, 1, 1)]
    [InlineData("31 des 2025", 2025, 12, 31)]
    [InlineData("tgl 31 Desember 2025", 2025, 12, 31)]
    [InlineData("tanggal 17 Agustus 1945", 1945, 8, 17)]
    [InlineData("Rabu, 31 Desember 2025", 2025, 12, 31)]
    [InlineData("Wednesday, December 31, 2025", 2025, 12, 31)]
    [InlineData("Tgl. 1-1-2024", 2024, 1, 1)]
    public void Date_parser_reads_english_month_first_dates_and_skips_tgl_weekdays_and_ordinals(string text, int year, int month, int day)
    {
        Assert.True(DateParser.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    // Dates that do not exist, and digits no one reads as a date.
    [Theory]
    [InlineData("")]
    [InlineData("31-02-2025")]
    [InlineData("29-02-2025")]
    [InlineData("31-04-2025")]
    [InlineData("32-01-2025")]
    [InlineData("00-01-2025")]
    [InlineData("01-13-2025")]
    [InlineData("01-00-2025")]
    [InlineData("31-12-02025")]
    [InlineData("2025-12")]
    [InlineData("30 Februari 2025")]
    [InlineData("01-01-0000")]
    [InlineData("2025-13-01")]
    [InlineData("2025-12-310")]
    [InlineData("123-12-2025")]
    [InlineData("February 30, 2025")]
    [InlineData("31 31 2025")]
    public void Date_parser_refuses_impossible_dates(string text)
    {
        Assert.False(DateParser.TryParse(text, out var date));
        Assert.Equal(default, date);
    }
}
