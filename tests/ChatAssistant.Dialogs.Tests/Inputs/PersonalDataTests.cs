using ChatAssistant.Dialogs.Inputs;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Inputs;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("nik", "3171234501900001", "3171********0001")]
    [InlineData("phone", "+6281234567890", "+62812****7890")]
    [InlineData("contact", "+6281234567890", "+62812****7890")]   // by shape, whatever the key
    [InlineData("id_number", "3171234501900001", "3171********0001")]
    [InlineData("business_name", "Toko Sari", "Toko Sari")]
    public void Identity_and_phone_numbers_are_shown_masked_and_other_values_as_they_are(string key, string stored, string shown) =>
        Assert.Equal(shown, PersonalData.Display(key, DialogValue.FromText(stored), "id"));

    [Fact]
    public void Numbers_that_are_business_facts_are_not_masked() =>
        Assert.Equal("Rp15.000.000", PersonalData.Display("annual_sales", DialogValue.FromMoney(15_000_000), "id"));
}
