using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Tests.Loading;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>Scripted conversations through dialogs/stimulus-eligibility.yaml, as owners would have them, in both languages.</summary>
public class StimulusEligibilityConversationTests
{
    private static readonly DialogCatalog Catalog = StimulusEligibilityFileTests.Load().Catalog;

    // The results name each programme's documents, where to apply and its source; Telegram takes 4,096.
    private const int LongestReply = 1600;

    private static readonly DateTimeOffset December2026 = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(7));

    // consent, citizen, sales, KUR now, capital, name, business, sector (1 food, 2 craft), province, age, workers, NIB,
    // then for citizens: other loan, NPWP, loan needed; then for food: certified, one site, simple and halal.
    private static readonly string[] FoodMicro = ["yes", "yes", "15 juta", "no", "20 juta", "Siti Aminah", "Warung Bu Siti", "1", "Jawa Barat", "2", "2", "yes", "no", "no", "10 juta", "no", "yes", "yes"];
    private static readonly string[] FoodFiveBillion = ["yes", "yes", "5 miliar", "no", "300 juta", "Siti Aminah", "Warung Bu Siti", "1", "Jawa Barat", "3", "12", "yes", "no", "no", "0", "no", "yes", "yes"];
    private static readonly string[] ForeignCraft = ["yes", "no", "15 juta", "no", "20 juta", "John Smith", "Bali Wood", "2", "Bali", "2", "0", "yes"];
    private static readonly string[] FoodTwentyBillion = ["yes", "yes", "20 miliar", "no", "3 miliar", "Siti Aminah", "Warung Bu Siti", "1", "Jawa Barat", "3", "40", "yes", "no", "yes", "0", "no", "yes", "yes"];
    private static readonly string[] LargeCraft = ["yes", "yes", "60 miliar", "no", "20 miliar", "Budi", "Budi Mebel", "2", "Jawa Tengah", "3", "200", "yes", "no", "yes", "50 juta"];

    public static TheoryData<string, string[], string, string?, string?, string?> Scripts()
    {
        var data = new TheoryData<string, string[], string, string?, string?, string?>();
        foreach (var language in Languages.All)
        {
            // language, answers, outcome, class, KUR result, halal result
            data.Add(language, ["no"], "no_consent", null, null, null);
            data.Add(language, FoodMicro, "criteria_met", "micro", "super_micro", "eligible");
            data.Add(language, FoodFiveBillion, "criteria_met", "small", "not_needed", "eligible");
            data.Add(language, ForeignCraft, "none_met", "micro", "not_eligible", "not_applicable");
            data.Add(language, FoodTwentyBillion, "none_met", "medium", "not_needed", "regular");
            data.Add(language, LargeCraft, "none_met", "large", "not_eligible", "not_applicable");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Reaches_its_outcome_by_a_scripted_conversation(string language, string[] answers, string outcome, string? businessClass, string? kur, string? halal)
    {
        var chat = Converse(language, answers, out var replies);

        var conversation = Assert.Single(chat.Session.Conversations);
        Assert.Equal(ConversationStatus.Completed, conversation.Status);
        Assert.Equal(outcome, conversation.Outcome);
        Assert.Equal(businessClass is null ? DialogValue.None : DialogValue.FromText(businessClass), conversation.Answers.GetValueOrDefault("business_class"));
        Assert.Equal(kur is null ? DialogValue.None : DialogValue.FromText(kur), conversation.Answers.GetValueOrDefault("kur_result"));
        Assert.Equal(halal is null ? DialogValue.None : DialogValue.FromText(halal), conversation.Answers.GetValueOrDefault("halal_result"));
        Assert.All(replies, reply => Assert.True(reply.Length <= LongestReply, $"{reply.Length} characters:\n{reply}"));
        Assert.DoesNotContain(replies, reply => reply.Contains('{', StringComparison.Ordinal) || reply.Contains("kur_", StringComparison.Ordinal) || reply.Contains("rule_", StringComparison.Ordinal) || reply.Contains("programme.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Languages.Indonesian)]
    [InlineData(Languages.English)]
    public void Every_outcome_is_reached_in_each_language(string language)
    {
        var declared = Catalog.Dialogs[0].Definition.Steps.OfType<EndStep>().Select(e => e.Outcome).ToHashSet();
        var reached = Scripts()
            .Where(row => (string)row[0] == language)
            .Select(row => Converse(language, (string[])row[1], out _).Session.Conversations[0].Outcome!)
            .ToHashSet();

        Assert.Equal(declared.Order(StringComparer.Ordinal), reached.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Languages.Indonesian, "Bapak/Ibu memenuhi kriteria (keputusan ada pada bank/instansi penyelenggara):\n1. KUR Super Mikro (sampai Rp10 juta, bunga 3% per tahun)", "(Sumber: Permenko Perekonomian No. 1/2023, per Januari 2023)", "BPUM sudah berakhir (dihentikan 26 Desember 2022")]
    [InlineData(Languages.English, "You meet the criteria of (the bank or agency decides):\n1. KUR Super Micro (up to Rp10 million, 3% a year)", "(Source: Permenko Perekonomian No. 1/2023, as of January 2023)", "BPUM has ended (stopped on 26 December 2022")]
    public void A_result_says_criteria_are_met_cites_its_source_and_shows_BPUM_as_ended(string language, string criteria, string source, string bpum)
    {
        Converse(language, FoodMicro, out var replies);

        var last = replies[^1];
        Assert.Contains(criteria, last, StringComparison.Ordinal);
        Assert.Contains(source, last, StringComparison.Ordinal);
        Assert.Contains(bpum, last, StringComparison.Ordinal);
        Assert.DoesNotContain("Kabar baik", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Good news", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Bisa Anda ajukan", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Rp1,2 juta", last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "Sertifikat halal gratis (SEHATI)", "diverifikasi pendamping proses produk halal (PPH), dan selama kuota tahunan masih ada", "(Sumber: Kepkaban BPJPH No. 146/2025, per Agustus 2025)")]
    [InlineData(Languages.English, "Free halal certificate (SEHATI)", "verified by a halal process facilitator (pendamping PPH), and while the yearly quota lasts", "(Source: Kepkaban BPJPH No. 146/2025, as of August 2025)")]
    public void A_food_business_with_Rp5_miliar_sales_and_an_NIB_meets_the_SEHATI_criteria(string language, string programme, string conditions, string source)
    {
        var chat = Converse(language, FoodFiveBillion, out var replies);

        Assert.Equal(DialogValue.FromText("none"), chat.Session.Conversations[0].Answers["halal_reason"]);
        Assert.Contains(programme, replies[^1], StringComparison.Ordinal);
        Assert.Contains(conditions, replies[^1], StringComparison.Ordinal);
        Assert.Contains(source, replies[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "Jalur reguler (berbayar) tetap bisa", "Lembaga Pemeriksa Halal (LPH)")]
    [InlineData(Languages.English, "The regular (paid) route remains", "a halal inspection body (LPH)")]
    public void Over_the_SEHATI_ceiling_the_regular_paid_route_is_offered(string language, string route, string body)
    {
        Converse(language, FoodTwentyBillion, out var replies);

        Assert.Contains(route, replies[^1], StringComparison.Ordinal);
        Assert.Contains(body, replies[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "KUR: KUR hanya untuk warga negara Indonesia (WNI) yang punya e-KTP.")]
    [InlineData(Languages.English, "KUR: KUR is only for Indonesian citizens (WNI) with an e-KTP.")]
    public void A_foreign_citizen_gets_no_KUR_and_is_not_asked_about_loans(string language, string reason)
    {
        var chat = Converse(language, ForeignCraft, out var replies);

        var conversation = chat.Session.Conversations[0];
        Assert.Equal(DialogValue.FromText("kur_not_wni"), conversation.Answers["kur_reason"]);
        Assert.DoesNotContain("loan_need", conversation.History);
        Assert.DoesNotContain("npwp", conversation.History);
        Assert.Contains(reason, replies[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("KUR Super Mikro (sampai", replies[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("KUR Super Micro (up to", replies[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "aturan ini sudah berlaku", "sejak 17 Oktober 2026")]
    [InlineData(Languages.English, "this rule is in force now", "since 17 October 2026")]
    public void On_3_December_2026_mandatory_halal_for_micro_and_small_food_is_said_to_be_in_force(string language, string inForce, string since)
    {
        Converse(language, FoodMicro, out var replies, December2026);

        Assert.Contains(inForce, replies[^1], StringComparison.Ordinal);
        Assert.Contains(since, replies[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Before_17_October_2026_the_halal_duty_is_said_to_come()
    {
        Converse(Languages.Indonesian, FoodMicro, out var replies, new DateTimeOffset(2026, 10, 16, 9, 0, 0, TimeSpan.FromHours(7)));

        Assert.Contains("Wajib halal: mulai 17 Oktober 2026", replies[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "NIK di e-KTP berlaku sebagai NPWP orang pribadi")]
    [InlineData(Languages.English, "an individual's NIK serves as their NPWP")]
    public void The_NPWP_question_says_the_NIK_is_the_NPWP(string language, string nik)
    {
        var chat = new Chat(Catalog, language);
        chat.Send("/stimulus");
        foreach (var answer in FoodMicro[..13])
        {
            Answer(chat, language, answer);
        }

        Assert.Equal("npwp", chat.Step);
        Assert.Contains(nik, chat.Last.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "Kenapa?", "UU PDP No. 27/2022")]
    [InlineData(Languages.English, "Why?", "Personal Data Protection Law No. 27/2022")]
    public void The_short_consent_has_a_why_button_with_the_detail(string language, string why, string law)
    {
        var chat = new Chat(Catalog, language);

        var consent = chat.Send("/stimulus");
        var question = consent.Text[(consent.Text.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        Assert.True(question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 35, question);
        Assert.Equal(why, consent.Buttons[^1].Label);

        var detail = chat.TapLabel(why);
        Assert.Contains(law, detail.Text, StringComparison.Ordinal);
        Assert.Equal("consent", chat.Step);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "Baik, tidak apa-apa.")]
    [InlineData(Languages.English, "All right, no problem.")]
    public void Owner_who_does_not_consent_is_asked_nothing_more(string language, string politeEnd)
    {
        var chat = Converse(language, ["no"], out var replies);

        Assert.Equal(2, replies.Count);
        Assert.StartsWith(politeEnd, replies[^1]);
        Assert.Equal(["consent"], chat.Session.Conversations[0].History);
    }

    [Fact]
    public void Sales_that_are_no_amount_are_asked_again_with_the_dialogs_own_reprompt_and_the_question()
    {
        var chat = new Chat(Catalog);
        foreach (var answer in new[] { "/stimulus", "ya", "ya" })
        {
            chat.Send(answer);
        }

        var reply = chat.Send("rahasia");

        Assert.Equal("Maaf, \"rahasia\" belum bisa saya pahami. Mohon ketik angka omzet setahun, misalnya 150 juta, 150.000.000 atau Rp150jt.\n\n"
            + "Berapa omzet (total penjualan) usaha Bapak/Ibu dalam setahun?", reply.Text);
        Assert.Equal("annual_sales", chat.Step);
        chat.Send("lima belas juta");
        Assert.Equal("kur", chat.Step);
    }

    [Fact]
    public void Owner_can_switch_language_halfway_and_finish()
    {
        var chat = new Chat(Catalog);
        foreach (var answer in new[] { "/stimulus", "ya" })
        {
            chat.Send(answer);
        }

        chat.Send("/language en");
        Assert.StartsWith("Language changed to English.", chat.Last.Text);
        Assert.EndsWith("Are you an Indonesian citizen (WNI)?", chat.Last.Text);
        foreach (var answer in FoodMicro[1..])
        {
            Answer(chat, Languages.English, answer);
        }

        Assert.Equal("criteria_met", chat.Session.Conversations[0].Outcome);
        Assert.Contains("You meet the criteria of", chat.Last.Text, StringComparison.Ordinal);
    }

    private static void Answer(Chat chat, string language, string answer)
    {
        if (answer is "yes" or "no")
        {
            chat.TapLabel(answer == "yes" ? SystemTexts.Yes(language) : SystemTexts.No(language));
        }
        else
        {
            chat.Send(answer);
        }
    }

    /// <summary>
    /// Starts the dialog from the menu by number and answers each question the way an owner would: yes/no by
    /// tapping the button in their language, amounts by typing. Returns every reply the owner saw.
    /// </summary>
    private static Chat Converse(string language, string[] answers, out List<string> replies, DateTimeOffset? start = null)
    {
        var chat = new Chat(Catalog, language, start: start);
        replies = [chat.Send(language == Languages.English ? "hi" : "halo").Text, chat.Send("1").Text];
        Assert.Equal("consent", chat.Step);
        foreach (var answer in answers)
        {
            Answer(chat, language, answer);
            replies.Add(chat.Last.Text);
        }

        replies.RemoveAt(0); // the greeting with the menu is the assistant's, not the dialog's
        return chat;
    }
}
