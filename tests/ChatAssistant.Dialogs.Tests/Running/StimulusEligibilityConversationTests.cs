using ChatAssistant.Dialogs.Definitions;
using ChatAssistant.Dialogs.Running;
using ChatAssistant.Dialogs.Tests.Loading;
using ChatAssistant.Dialogs.Values;

namespace ChatAssistant.Dialogs.Tests.Running;

/// <summary>Scripted conversations through dialogs/stimulus-eligibility.yaml, as owners would have them, in both languages.</summary>
public class StimulusEligibilityConversationTests
{
    private static readonly DialogCatalog Catalog = StimulusEligibilityFileTests.Load().Catalog;

    // Owners read on cheap phones: one reply should fit on a screen or two.
    private const int LongestReply = 800;

    public static TheoryData<string, string[], string, string?, string?> Scripts()
    {
        var data = new TheoryData<string, string[], string, string?, string?>();
        foreach (var language in Languages.All)
        {
            // language, answers (consent, citizen, state employee, annual sales, KUR; then ProfileAndProgrammeAnswers), outcome, class, BPUM result
            data.Add(language, ["no"], "no_consent", null, null);
            data.Add(language, ["yes", "yes", "no", "15 juta", "no"], "bpum_eligible", "micro", "eligible");
            data.Add(language, ["yes", "yes", "no", "2 miliar", "no"], "bpum_eligible", "micro", "eligible");
            data.Add(language, ["yes", "no", "no", "15 juta", "no"], "bpum_not_eligible", "micro", "reason_wni");
            data.Add(language, ["yes", "yes", "yes", "15 juta", "no"], "bpum_not_eligible", "micro", "reason_state_employee");
            data.Add(language, ["yes", "yes", "no", "2.000.000.001", "no"], "bpum_not_eligible", "small", "reason_not_micro");
            // "M" is miliar in Indonesian, million in English (issue 12: "480m" is 480 million to an English speaker).
            data.Add(language, ["yes", "yes", "no", language == Languages.English ? "15 billion" : "15 M", "no"], "bpum_not_eligible", "small", "reason_not_micro");
            data.Add(language, ["yes", "yes", "no", "20 miliar", "no"], "bpum_not_eligible", "medium", "reason_not_micro");
            data.Add(language, ["yes", "yes", "no", "Rp60.000.000.000", "no"], "bpum_not_eligible", "large", "reason_not_micro");
            data.Add(language, ["yes", "yes", "no", "Rp15jt", "yes"], "bpum_not_eligible", "micro", "reason_kur");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Reaches_its_outcome_by_a_scripted_conversation(string language, string[] answers, string outcome, string? businessClass, string? bpum)
    {
        var chat = Converse(language, answers, out var replies);

        var conversation = Assert.Single(chat.Session.Conversations);
        Assert.Equal(ConversationStatus.Completed, conversation.Status);
        Assert.Equal(outcome, conversation.Outcome);
        Assert.Equal(businessClass is null ? DialogValue.None : DialogValue.FromText(businessClass), conversation.Answers.GetValueOrDefault("business_class"));
        Assert.Equal(bpum is null ? DialogValue.None : DialogValue.FromText(bpum), conversation.Answers.GetValueOrDefault("bpum_result"));
        Assert.All(replies, reply => Assert.True(reply.Length <= LongestReply, $"{reply.Length} characters:\n{reply}"));
        Assert.DoesNotContain(replies, reply => reply.Contains('{', StringComparison.Ordinal) || reply.Contains("reason_", StringComparison.Ordinal) || reply.Contains("rule_", StringComparison.Ordinal));
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

    [Fact]
    public void Eligible_owner_in_Indonesian_is_told_the_amount_the_documents_and_where_to_go()
    {
        Converse(Languages.Indonesian, ["yes", "yes", "no", "15 juta", "no"], out var replies);

        Assert.Contains(replies, r => r.StartsWith("Kelas usaha Anda: usaha mikro (omzet sampai Rp2 miliar per tahun, menurut PP No. 7/2021).", StringComparison.Ordinal));
        var last = replies[^1];
        Assert.StartsWith("Hasil untuk Warung Bu Siti (usaha mikro):\n\nBisa Anda ajukan:\n1. BPUM (terakhir Rp1.200.000 sekali, 2021)", last);
        Assert.Contains("e-KTP, KK, dan NIB atau Surat Keterangan Usaha (SKU)", last);
        Assert.Contains("Dinas KUKM kabupaten/kota", last);
        Assert.Contains("Kabar baik", last);
        Assert.EndsWith("Ketik /menu untuk layanan lain.", last);
    }

    [Fact]
    public void Eligible_owner_in_English_is_told_the_amount_the_documents_and_where_to_go()
    {
        Converse(Languages.English, ["yes", "yes", "no", "15 juta", "no"], out var replies);

        Assert.Contains(replies, r => r.StartsWith("Your business is a micro business (annual sales up to Rp2 billion, under Government Regulation PP No. 7/2021).", StringComparison.Ordinal));
        var last = replies[^1];
        Assert.StartsWith("Results for Warung Bu Siti (a micro business):\n\nYou may apply for:\n1. BPUM (last Rp1,200,000 once, 2021)", last);
        Assert.Contains("e-KTP, KK, and NIB or a village business letter (SKU)", last);
        Assert.Contains("regency/city Dinas KUKM", last);
        Assert.Contains("Good news", last);
        Assert.EndsWith("Type /menu for another service.", last);
    }

    [Theory]
    [InlineData(Languages.Indonesian, "no", "no", "20 miliar", "Kelas usaha Anda: usaha menengah (omzet di atas Rp15 miliar sampai Rp50 miliar per tahun, menurut PP No. 7/2021).", "Belum bisa:\n1. BPUM hanya untuk usaha mikro; usaha Anda tergolong usaha menengah.")]
    [InlineData(Languages.English, "no", "no", "20 miliar", "Your business is a medium business (annual sales above Rp15 billion up to Rp50 billion, under Government Regulation PP No. 7/2021).", "Not yet:\n1. BPUM is only for micro businesses; yours is a medium business.")]
    [InlineData(Languages.Indonesian, "no", "no", "60 miliar", "Kelas usaha Anda: usaha besar, bukan UMKM (omzet di atas Rp50 miliar per tahun, menurut PP No. 7/2021).", "Belum bisa:\n1. BPUM hanya untuk usaha mikro")]
    [InlineData(Languages.English, "yes", "no", "15 juta", "Your business is a micro business (annual sales up to Rp2 billion", "Not yet:\n1. BPUM is not given to civil servants (ASN), soldiers (TNI), police (Polri) or BUMN/BUMD employees.")]
    [InlineData(Languages.Indonesian, "no", "yes", "15 juta", "Kelas usaha Anda: usaha mikro (omzet sampai Rp2 miliar", "Belum bisa:\n1. BPUM tidak diberikan kepada pelaku usaha yang sedang menerima KUR.")]
    public void Not_eligible_owner_is_told_the_class_the_test_that_decided_it_and_the_reason(
        string language, string stateEmployee, string kur, string sales, string classSentence, string reason)
    {
        Converse(language, ["yes", "yes", stateEmployee, sales, kur], out var replies);

        Assert.Contains(replies, r => r.Contains(classSentence, StringComparison.Ordinal));
        Assert.Contains(reason, replies[^1]);
        Assert.Contains("Dinas KUKM", replies[^1]);
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
    public void Consent_question_says_what_is_asked_and_why()
    {
        var chat = new Chat(Catalog);

        var reply = chat.Send("/stimulus");

        Assert.Contains("kewarganegaraan, pekerjaan Anda, omzet per tahun, dan pinjaman KUR", reply.Text);
        Assert.Contains("dipakai untuk pengecekan ini", reply.Text);
        Assert.Contains("/hapusdata", reply.Text);
        Assert.Equal(["Ya", "Tidak"], reply.Buttons.Select(b => b.Label));
    }

    [Fact]
    public void Sales_that_are_no_amount_are_asked_again_with_the_dialogs_own_reprompt_and_the_question()
    {
        var chat = new Chat(Catalog);
        foreach (var answer in new[] { "/stimulus", "ya", "ya", "tidak" })
        {
            chat.Send(answer);
        }

        var reply = chat.Send("rahasia");

        Assert.Equal("Maaf, \"rahasia\" belum bisa saya pahami. Mohon ketik angka omzet setahun, misalnya 150 juta, 150.000.000 atau Rp150jt.\n\n"
            + "Berapa omzet (total penjualan) usaha Anda dalam setahun?", reply.Text);
        Assert.Equal("annual_sales", chat.Step);
        chat.Send("lima belas juta");
        Assert.Equal("kur", chat.Step);
    }

    [Fact]
    public void Owner_can_switch_language_halfway_and_finish()
    {
        var chat = new Chat(Catalog);
        foreach (var answer in new[] { "/stimulus", "ya", "ya" })
        {
            chat.Send(answer);
        }

        chat.Send("/language en");
        Assert.StartsWith("Language changed to English.", chat.Last.Text);
        Assert.EndsWith("an employee of a state- or region-owned company (BUMN/BUMD)?", chat.Last.Text);
        chat.TapLabel("No");
        chat.Send("15 juta");
        chat.TapLabel("No");
        foreach (var answer in ProfileAndProgrammeAnswers)
        {
            if (answer is "yes" or "no")
            {
                chat.TapLabel(answer == "yes" ? "Yes" : "No");
            }
            else
            {
                chat.Send(answer);
            }
        }

        Assert.Equal("bpum_eligible", chat.Session.Conversations[0].Outcome);
        Assert.Contains("Good news", chat.Last.Text);
    }

    /// <summary>
    /// Starts the dialog from the menu by number and answers each question the way an owner would: yes/no by
    /// tapping the button in their language, amounts by typing. Returns every reply the owner saw.
    /// </summary>
    /// <summary>
    /// The questions after KUR, answered the same way in every full script: capital, name, business name, sector
    /// (1 = food), province, business age (2 = 6 months - 3 years), workers, NIB, other business loan, NPWP, loan
    /// needed (none) and one outlet.
    /// </summary>
    private static readonly string[] ProfileAndProgrammeAnswers =
        ["20 juta", "Siti Aminah", "Warung Bu Siti", "1", "Jawa Barat", "2", "2", "yes", "no", "no", "0", "yes"];

    private static Chat Converse(string language, string[] answers, out List<string> replies)
    {
        if (answers.Length == 5)
        {
            answers = [.. answers, .. ProfileAndProgrammeAnswers];
        }

        var chat = new Chat(Catalog, language);
        replies = [chat.Send(language == Languages.English ? "hi" : "halo").Text, chat.Send("1").Text];
        Assert.Equal("consent", chat.Step);
        foreach (var answer in answers)
        {
            if (answer is "yes" or "no")
            {
                chat.TapLabel(answer == "yes" ? SystemTexts.Yes(language) : SystemTexts.No(language));
            }
            else
            {
                chat.Send(answer);
            }

            replies.Add(chat.Last.Text);
        }

        replies.RemoveAt(0); // the greeting with the menu is the assistant's, not the dialog's
        return chat;
    }
}
