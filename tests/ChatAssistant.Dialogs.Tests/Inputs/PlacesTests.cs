using ChatAssistant.Dialogs.Inputs;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public class PlacesTests
{
    [Theory]
    [InlineData("surabaya", "Jawa Timur")]
    [InlineData("Surabaya", "Jawa Timur")]
    [InlineData("kota surabaya", "Jawa Timur")]
    [InlineData("padang", "Sumatera Barat")]
    [InlineData("makassar", "Sulawesi Selatan")]
    [InlineData("makasar", "Sulawesi Selatan")]
    [InlineData("kab. bandung", "Jawa Barat")]
    [InlineData("kota bandung", "Jawa Barat")]
    [InlineData("bandung", "Jawa Barat")]
    [InlineData("Kabupaten Bandung Barat", "Jawa Barat")]
    [InlineData("medan", "Sumatera Utara")]
    [InlineData("batam", "Kepulauan Riau")]
    [InlineData("malang", "Jawa Timur")]
    [InlineData("kab malang", "Jawa Timur")]
    [InlineData("semarang", "Jawa Tengah")]
    [InlineData("solo", "Jawa Tengah")]
    [InlineData("surakarta", "Jawa Tengah")]
    [InlineData("jogja", "DI Yogyakarta")]
    [InlineData("yogya", "DI Yogyakarta")]
    [InlineData("jogjakarta", "DI Yogyakarta")]
    [InlineData("sleman", "DI Yogyakarta")]
    [InlineData("bantul", "DI Yogyakarta")]
    [InlineData("denpasar", "Bali")]
    [InlineData("gianyar", "Bali")]
    [InlineData("bali", "Bali")]
    [InlineData("jakarta", "DKI Jakarta")]
    [InlineData("DKI", "DKI Jakarta")]
    [InlineData("jakarta selatan", "DKI Jakarta")]
    [InlineData("jaksel", "DKI Jakarta")]
    [InlineData("kepulauan seribu", "DKI Jakarta")]
    [InlineData("bekasi", "Jawa Barat")]
    [InlineData("depok", "Jawa Barat")]
    [InlineData("bogor", "Jawa Barat")]
    [InlineData("tangerang", "Banten")]
    [InlineData("tangsel", "Banten")]
    [InlineData("serang", "Banten")]
    [InlineData("palembang", "Sumatera Selatan")]
    [InlineData("pekanbaru", "Riau")]
    [InlineData("balikpapan", "Kalimantan Timur")]
    [InlineData("samarinda", "Kalimantan Timur")]
    [InlineData("pontianak", "Kalimantan Barat")]
    [InlineData("banjarmasin", "Kalimantan Selatan")]
    [InlineData("kab. banjar", "Kalimantan Selatan")]
    [InlineData("kota banjar", "Jawa Barat")]
    [InlineData("manado", "Sulawesi Utara")]
    [InlineData("kendari", "Sulawesi Tenggara")]
    [InlineData("palu", "Sulawesi Tengah")]
    [InlineData("ambon", "Maluku")]
    [InlineData("ternate", "Maluku Utara")]
    [InlineData("jayapura", "Papua")]
    [InlineData("sorong", "Papua Barat Daya")]
    [InlineData("manokwari", "Papua Barat")]
    [InlineData("merauke", "Papua Selatan")]
    [InlineData("kupang", "Nusa Tenggara Timur")]
    [InlineData("mataram", "Nusa Tenggara Barat")]
    [InlineData("lombok timur", "Nusa Tenggara Barat")]
    [InlineData("banda aceh", "Aceh")]
    [InlineData("sumatra barat", "Sumatera Barat")]
    [InlineData("Sumatra Utara", "Sumatera Utara")]
    [InlineData("sumatera barat", "Sumatera Barat")]
    [InlineData("jawa timur", "Jawa Timur")]
    [InlineData("jatim", "Jawa Timur")]
    [InlineData("jawa timr", "Jawa Timur")]
    [InlineData("surabya", "Jawa Timur")]
    [InlineData("suarbaya", "Jawa Timur")]
    [InlineData("pangkal pinang", "Kepulauan Bangka Belitung")]
    [InlineData("pangkalpinang", "Kepulauan Bangka Belitung")]
    [InlineData("ujung pandang", "Sulawesi Selatan")]
    [InlineData("kotabaru", "Kalimantan Selatan")]
    [InlineData("kotamobagu", "Sulawesi Utara")]
    [InlineData("bengkulu", "Bengkulu")]
    [InlineData("gorontalo", "Gorontalo")]
    [InlineData("Kab. Sleman", "DI Yogyakarta")]
    [InlineData("kota yogyakarta", "DI Yogyakarta")]
    [InlineData("toba", "Sumatera Utara")]
    [InlineData("Kotamadya Malang", "Jawa Timur")]
    [InlineData("saya di surabaya", "Jawa Timur")]
    [InlineData("domisili Padang", "Sumatera Barat")]
    [InlineData("Surabaya, Jawa Timur", "Jawa Timur")]
    [InlineData("Sleman / Jogja", "DI Yogyakarta")]
    [InlineData("Kab. Toli-Toli", "Sulawesi Tengah")]
    [InlineData("Banjar, Kalsel", "Kalimantan Selatan")]
    [InlineData("lombok", "Nusa Tenggara Barat")]
    [InlineData("madura", "Jawa Timur")]
    [InlineData("flores", "Nusa Tenggara Timur")]
    [InlineData("sumba", "Nusa Tenggara Timur")]
    [InlineData("halmahera", "Maluku Utara")]
    [InlineData("bogor kota", "Jawa Barat")]
    [InlineData("nusa tenggara barat", "Nusa Tenggara Barat")]
    public void Places_finds_the_province_of_a_province_regency_or_city(string text, string province)
    {
        var match = Places.Find(text);
        Assert.True(match.IsOne, text);
        Assert.Equal(province, match.Province.Name);
    }

    [Fact]
    public void Places_names_the_city_it_recognised_so_it_can_be_said_back()
    {
        Assert.Equal("Surabaya", Places.Find("surabaya").Place);
        Assert.Equal("Kota Surakarta", Places.Find("solo").Place);
        Assert.Null(Places.Find("Jawa Timur").Place);
    }

    [Fact]
    public void Places_reports_a_name_shared_by_two_provinces_as_ambiguous()
    {
        var match = Places.Find("banjar");
        Assert.True(match.IsSeveral);
        Assert.Equal(["Jawa Barat", "Kalimantan Selatan"], match.Provinces.Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("jawa", 3)]
    [InlineData("sumatera", 3)]
    [InlineData("sumatra", 3)]
    [InlineData("kalimantan", 5)]
    [InlineData("sulawesi", 5)]
    [InlineData("nusa tenggara", 2)]
    public void Places_reports_an_island_with_several_provinces_so_the_owner_is_asked_which(string text, int provinces)
    {
        var match = Places.Find(text);
        Assert.True(match.IsSeveral);
        Assert.Equal(provinces, match.Provinces.Count);
    }

    [Fact]
    public void Places_knows_every_regency_and_city_of_the_official_list()
    {
        var lines = Vocabulary.ReadResource(Vocabulary.RegenciesResource).Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#' && !l.StartsWith("province_code", StringComparison.Ordinal)).ToArray();
        Assert.Equal(514, lines.Length);
        foreach (var line in lines)
        {
            var (code, name) = (line[..2], line[3..]);
            var match = Places.Find(name);
            Assert.True(match.IsOne, name);
            Assert.Equal(code, match.Province.Code);
        }
    }

    // Not a place in Indonesia, or too short to correct safely.
    [Theory]
    [InlineData("")]
    [InlineData("tokyo")]
    [InlineData("xyz")]
    public void Places_finds_nothing_for_a_name_that_is_not_indonesian(string text)
    {
        Assert.True(Places.Find(text).IsNone);
    }
}
