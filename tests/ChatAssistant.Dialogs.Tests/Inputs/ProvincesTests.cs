using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class ProvincesTests
{
    [Fact]
    public void Provinces_lists_the_38_provinces_with_unique_codes_and_names()
    {
        Assert.Equal(38, Provinces.All.Count);
        Assert.Equal(38, Provinces.All.Select(p => p.Code).Distinct().Count());
        Assert.Equal(38, Provinces.All.Select(p => p.Name).Distinct().Count());
        Assert.All(Provinces.All, p => Assert.True(p.TimeZone is "WIB" or "WITA" or "WIT", p.TimeZone));
        Assert.All(Provinces.All, p => Assert.Same(p, Provinces.FindByCode(p.Code)));
    }

    [Theory]
    [InlineData("11", "Aceh", "WIB")]
    [InlineData("21", "Kepulauan Riau", "WIB")]
    [InlineData("31", "DKI Jakarta", "WIB")]
    [InlineData("34", "DI Yogyakarta", "WIB")]
    [InlineData("51", "Bali", "WITA")]
    [InlineData("52", "Nusa Tenggara Barat", "WITA")]
    [InlineData("53", "Nusa Tenggara Timur", "WITA")]
    [InlineData("61", "Kalimantan Barat", "WIB")]
    [InlineData("62", "Kalimantan Tengah", "WIB")]
    [InlineData("63", "Kalimantan Selatan", "WITA")]
    [InlineData("64", "Kalimantan Timur", "WITA")]
    [InlineData("65", "Kalimantan Utara", "WITA")]
    [InlineData("75", "Gorontalo", "WITA")]
    [InlineData("76", "Sulawesi Barat", "WITA")]
    [InlineData("81", "Maluku", "WIT")]
    [InlineData("82", "Maluku Utara", "WIT")]
    [InlineData("91", "Papua Barat", "WIT")]
    [InlineData("92", "Papua Barat Daya", "WIT")]
    [InlineData("94", "Papua", "WIT")]
    [InlineData("95", "Papua Selatan", "WIT")]
    [InlineData("96", "Papua Tengah", "WIT")]
    [InlineData("97", "Papua Pegunungan", "WIT")]
    public void Provinces_knows_codes_names_and_time_zones(string code, string name, string timeZone)
    {
        var province = Provinces.FindByCode(code);
        Assert.NotNull(province);
        Assert.Equal(name, province.Name);
        Assert.Equal(timeZone, province.TimeZone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("93")]
    [InlineData("1")]
    [InlineData("Aceh")]
    [InlineData(" 31")]
    public void Provinces_find_by_code_returns_null_for_unknown_codes(string code)
    {
        Assert.Null(Provinces.FindByCode(code));
    }

    [Theory]
    [InlineData("31", "31")]
    [InlineData(" 31 ", "31")]
    [InlineData("DKI Jakarta", "31")]
    [InlineData("dki jakarta", "31")]
    [InlineData("D.K.I. Jakarta", "31")]
    [InlineData("Jakarta", "31")]
    [InlineData("DKI", "31")]
    [InlineData("Jawa Barat", "32")]
    [InlineData("JAWABARAT", "32")]
    [InlineData("Provinsi Jawa Barat", "32")]
    [InlineData("Prov. Jawa Barat", "32")]
    [InlineData("Jabar", "32")]
    [InlineData("Jateng", "33")]
    [InlineData("Jatim", "35")]
    [InlineData("Jogja", "34")]
    [InlineData("Yogyakarta", "34")]
    [InlineData("DIY", "34")]
    [InlineData("D.I. Yogyakarta", "34")]
    [InlineData("NTB", "52")]
    [InlineData("NTT", "53")]
    [InlineData("Kalbar", "61")]
    [InlineData("Kalteng", "62")]
    [InlineData("Kalsel", "63")]
    [InlineData("Kaltim", "64")]
    [InlineData("Kaltara", "65")]
    [InlineData("Sulut", "71")]
    [InlineData("Sulteng", "72")]
    [InlineData("Sulsel", "73")]
    [InlineData("Sultra", "74")]
    [InlineData("Sulbar", "76")]
    [InlineData("Sumut", "12")]
    [InlineData("Sumbar", "13")]
    [InlineData("Sumsel", "16")]
    [InlineData("Babel", "19")]
    [InlineData("Kepulauan Bangka Belitung", "19")]
    [InlineData("Kepri", "21")]
    [InlineData("Kep. Riau", "21")]
    [InlineData("Malut", "82")]
    [InlineData("Nusa Tenggara Timur", "53")]
    [InlineData("papua", "94")]
    [InlineData("Papua Barat Daya", "92")]
    [InlineData("Papua Pegunungan", "97")]
    [InlineData("Bali", "51")]
    [InlineData("Riau", "14")]
    public void Provinces_find_codes_names_and_aliases(string text, string expectedCode)
    {
        Assert.True(Provinces.TryFind(text, out var province));
        Assert.Equal(expectedCode, province.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("93")]
    [InlineData("10")]
    [InlineData("Bandung")]
    [InlineData("Jawa")]
    [InlineData("Sumatera")]
    [InlineData("Kalimantan")]
    [InlineData("Provinsi")]
    [InlineData("Jakarta Selatan")]
    [InlineData("Singapura")]
    public void Provinces_refuse_unknown_places(string text)
    {
        Assert.False(Provinces.TryFind(text, out _));
    }
}
