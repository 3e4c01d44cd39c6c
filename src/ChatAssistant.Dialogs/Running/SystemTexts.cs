using System.Runtime.CompilerServices;
using System.Text;
using ChatAssistant.Dialogs.Definitions;

namespace ChatAssistant.Dialogs.Running;

/// <summary>
/// What the assistant itself says (menu, help, re-prompts), in both languages. Written as an Indonesian
/// officer would write to an owner: short, polite, and always saying what to do next.
/// </summary>
internal static class SystemTexts
{
    public static string Pick(string language, string indonesian, string english) =>
        language == Languages.English ? english : indonesian;

    /// <summary>Texts with placeholders: only the owner's language is built (see <see cref="IndonesianText"/>).</summary>
    public static string Pick(
        string language,
        [InterpolatedStringHandlerArgument(nameof(language))] ref IndonesianText indonesian,
        [InterpolatedStringHandlerArgument(nameof(language))] ref EnglishText english) =>
        language == Languages.English ? english.ToStringAndClear() : indonesian.ToStringAndClear();

    public static string Greeting(string language) => Pick(language,
        "Halo! Saya asisten UMKM. Saya bisa membantu Anda mengecek bantuan usaha, mendaftar pelatihan, dan menilai kesiapan ekspor.\nSilakan pilih layanan (ketik nomornya atau ketuk tombolnya):",
        "Hello! I am the UMKM assistant. I can help you check business aid, register for training and assess your export readiness.\nPlease choose a service (type its number or tap its button):");

    public static string MenuPrompt(string language) => Pick(language,
        "Layanan yang tersedia (ketik nomornya atau ketuk tombolnya):",
        "Available services (type a number or tap a button):");

    public static string NoDialogs(string language) => Pick(language,
        "Maaf, belum ada layanan yang tersedia saat ini. Silakan coba lagi nanti.",
        "Sorry, no services are available right now. Please try again later.");

    /// <summary>The global commands; /petugas (/human) only where the host hands conversations to people.</summary>
    public static string Help(string language, bool offersHandoff) => Pick(language,
        "Perintah yang bisa Anda pakai kapan saja:\n/menu – daftar layanan\n/kembali – ke pertanyaan sebelumnya\n/ulang – mulai lagi dari awal\n/batal – hentikan percakapan ini\n/bahasa – ganti bahasa (English)\n"
            + (offersHandoff ? "/petugas – bicara dengan petugas\n" : string.Empty) + "/bantuan – pesan ini",
        "Commands you can use at any time:\n/menu – list of services\n/back – the previous question\n/restart – start again from the beginning\n/cancel – stop this conversation\n/language – change language (Bahasa Indonesia)\n"
            + (offersHandoff ? "/human – talk to a person\n" : string.Empty) + "/help – this message");

    public static string Cancelled(string language, string title) => Pick(language,
        $"Baik, \"{title}\" dibatalkan. Ketik /menu jika ingin memulai layanan lain.",
        $"All right, \"{title}\" is cancelled. Type /menu whenever you want another service.");

    public static string NothingToCancel(string language) => Pick(language,
        "Tidak ada percakapan yang sedang berjalan.",
        "There is no conversation in progress.");

    public static string NothingToGoBackTo(string language) => Pick(language,
        "Ini sudah pertanyaan pertama.",
        "This is already the first question.");

    public static string WentBack(string language, string previousAnswer) => Pick(language,
        $"Kembali ke pertanyaan sebelumnya. Jawaban Anda sebelumnya: {previousAnswer}",
        $"Back to the previous question. Your previous answer: {previousAnswer}");

    public static string Restarted(string language, string title) => Pick(language,
        $"Kita mulai lagi \"{title}\" dari awal.",
        $"Starting \"{title}\" again from the beginning.");

    public static string Resumed(string language, string title) => Pick(language,
        $"Melanjutkan \"{title}\" dari pertanyaan terakhir. (Ketik /ulang untuk mulai dari awal.)",
        $"Continuing \"{title}\" from where you stopped. (Type /restart to start over.)");

    public static string LanguageChanged(string language) => Pick(language,
        "Bahasa diganti ke Bahasa Indonesia. (Type /language for English.)",
        "Language changed to English. (Ketik /bahasa untuk Bahasa Indonesia.)");

    public static string UnknownLanguage(string language, string asked) => Pick(language,
        $"Maaf, bahasa \"{asked}\" belum tersedia. Ketik /bahasa id untuk Bahasa Indonesia atau /bahasa en untuk English.",
        $"Sorry, \"{asked}\" is not available. Type /language en for English or /language id for Bahasa Indonesia.");

    public static string HandoffRequested(string language) => Pick(language,
        "Baik, pesan Anda kami teruskan ke petugas. Silakan tulis pertanyaan Anda di sini; petugas akan membalas di percakapan ini.",
        "All right, we are passing you to a person. Please write your question here; they will answer in this chat.");

    public static string HandoffOffer(string language) => Pick(language,
        "Perlu bantuan petugas? Ketuk \"Bicara dengan petugas\" atau ketik /petugas.",
        "Need help from a person? Tap \"Talk to a person\" or type /human.");

    public static string HandoffButton(string language) => Pick(language, "Bicara dengan petugas", "Talk to a person");

    public static string UnknownCommand(string language, string command) => Pick(language,
        $"Maaf, perintah {command} tidak dikenal. Ketik /bantuan untuk melihat perintah yang tersedia.",
        $"Sorry, I don't know the command {command}. Type /help to see the commands you can use.");

    public static string NotText(string language) => Pick(language,
        "Maaf, saya hanya bisa membaca pesan teks. Silakan ketik jawaban Anda atau ketuk tombol.",
        "Sorry, I can only read text messages. Please type your answer or tap a button.");

    public static string Empty(string language) => Pick(language,
        "Pesan Anda kosong. Silakan ketik jawaban Anda.",
        "Your message is empty. Please type your answer.");

    public static string TooLong(string language, int limit) => Pick(language,
        $"Pesan Anda terlalu panjang. Mohon ringkas menjadi paling banyak {limit} karakter.",
        $"Your message is too long. Please keep it to {limit} characters at most.");

    /// <summary>A start command (e.g. a broadcast's button) preset an answer that no longer fits: said once, above the question.</summary>
    public static string PresetUnavailable(string language, bool choice) => choice
        ? Pick(language,
            "Maaf, pilihan dari tautan yang Anda buka sudah tidak tersedia. Silakan pilih dari daftar berikut.",
            "Sorry, the choice in the link you opened is no longer available. Please pick one from the list below.")
        : Pick(language,
            "Maaf, isian dari tautan yang Anda buka tidak bisa dipakai. Silakan jawab pertanyaan berikut.",
            "Sorry, the answer in the link you opened cannot be used. Please answer the question below.");

    public static string Stale(string language) => Pick(language,
        "Tombol ini sudah tidak berlaku. Ini pertanyaan saat ini:",
        "This button is no longer valid. Here is the current question:");

    public static string Stuck(string language) => Pick(language,
        "Maaf, percakapan ini tidak dapat dilanjutkan karena kesalahan pada alurnya. Kami sudah mencatatnya. Ketik /menu untuk layanan lain.",
        "Sorry, this conversation cannot continue because of a mistake in its flow. It has been noted. Type /menu for another service.");

    public static string Unavailable(string language) => Pick(language,
        "Maaf, layanan yang sedang Anda isi tidak tersedia lagi. Silakan pilih layanan dari menu.",
        "Sorry, the service you were using is no longer available. Please choose one from the menu.");

    public static string DialogChanged(string language, string title) => Pick(language,
        $"Maaf, \"{title}\" baru saja diperbarui, jadi kita mulai lagi dari awal.",
        $"Sorry, \"{title}\" has just been updated, so we start again from the beginning.");

    public static string Finished(string language) => Pick(language,
        "Ketik /menu untuk layanan lain.",
        "Type /menu for another service.");

    /// <summary>"Data yang tersimpan: … Apakah masih benar?", written straight into the reply.</summary>
    public static void AppendKnownValue(StringBuilder target, string language, string value)
    {
        if (language == Languages.English)
        {
            target.Append("What we have on record: ").Append(value).Append(". Is it still right?");
        }
        else
        {
            target.Append("Data yang tersimpan: ").Append(value).Append(". Apakah masih benar?");
        }
    }

    public static string KeepKnown(string language) => Pick(language, "Ya, masih benar", "Yes, still right");

    public static string ChangeKnown(string language) => Pick(language, "Ubah", "Change");

    public static string ReviewHelp(string language) => Pick(language,
        "Jika sudah benar, pilih \"Benar, lanjutkan\". Untuk mengubah, ketuk tombol Ubah atau ketik misalnya \"ubah 2\".",
        "If everything is right, choose \"Correct, continue\". To change an answer, tap its Change button or type e.g. \"edit 2\".");

    public static string ReviewConfirm(string language) => Pick(language, "Benar, lanjutkan", "Correct, continue");

    public static string ReviewEdit(string language, int number, string label) => Pick(language, $"Ubah {number}: {label}", $"Change {number}: {label}");

    public static string Editing(string language, string label, string current) => Pick(language,
        $"Mengubah \"{label}\". Jawaban sekarang: {current}",
        $"Changing \"{label}\". Current answer: {current}");

    public static string CannotEdit(string language, string label) => Pick(language,
        $"\"{label}\" dihitung dari jawaban lain, jadi tidak bisa diubah langsung. Ubah jawaban yang menentukannya.",
        $"\"{label}\" is worked out from other answers, so it cannot be changed directly. Change the answers it comes from.");

    public static string NoSuchLine(string language, int count) => Pick(language,
        $"Nomor itu tidak ada di ringkasan. Pilih nomor 1 sampai {count}.",
        $"That number is not in the summary. Choose a number from 1 to {count}.");

    public static string MoreOptions(string language) => Pick(language, "Lainnya ›", "More ›");

    public static string PageOf(string language, int page, int pages) => Pick(language,
        $"Pilihan halaman {page} dari {pages}. Ketuk \"Lainnya ›\" untuk pilihan berikutnya.",
        $"Choices page {page} of {pages}. Tap \"More ›\" for the next ones.");

    public static string Yes(string language) => Pick(language, "Ya", "Yes");

    /// <summary>The last button of a question that has a <c>help</c> text.</summary>
    public static string WhatIsThis(string language) => Pick(language, "Apa ini?", "What is this?");

    private static readonly string[] HelpRequests = ["?", "apa ini", "apa ini?", "apa itu", "apa itu?", "what is this", "what is this?", "what's this?"];

    /// <summary>What owners type to ask what a question means, in either language, in any letter case.</summary>
    public static bool IsHelpRequest(string text)
    {
        var trimmed = text.AsSpan().Trim();
        foreach (var request in HelpRequests)
        {
            if (trimmed.Equals(request, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static string No(string language) => Pick(language, "Tidak", "No");

    public static string NotAnswered(string language) => Pick(language, "(belum dijawab)", "(not answered yet)");

    /// <summary>The first words of a re-prompt: what was not understood, quoted back (cut short when long).</summary>
    public static string NotUnderstood(string language, string typed) =>
        AppendNotUnderstood(new StringBuilder(), language, typed).ToString();

    /// <summary><see cref="NotUnderstood"/> written straight into the reply: a re-prompt is the commonest answer to a slip.</summary>
    public static StringBuilder AppendNotUnderstood(StringBuilder target, string language, string typed)
    {
        var shown = typed.AsSpan(0, Math.Min(typed.Length, 40));
        var cut = typed.Length > 40 ? "…" : string.Empty;
        return language == Languages.English
            ? target.Append("Sorry, I could not read \"").Append(shown).Append(cut).Append("\".")
            : target.Append("Maaf, \"").Append(shown).Append(cut).Append("\" belum bisa saya pahami.");
    }

    /// <summary>The same, for what must not be repeated back (a NIK or a phone number typed wrongly).</summary>
    public static string NotUnderstoodPrivate(string language) => Pick(language,
        "Maaf, jawaban itu belum bisa saya pahami.",
        "Sorry, I could not read that answer.");

    public static string ConfirmKnownReprompt(string language) => Pick(language,
        "Ketik 1 atau ya jika masih benar, 2 atau ubah untuk menggantinya, atau langsung ketik data yang baru.",
        "Type 1 or yes if it is still right, 2 or change to replace it, or just type the new value.");

    public static string YesNoReprompt(string language) => Pick(language,
        "Mohon jawab Ya (1) atau Tidak (2).",
        "Please answer Yes (1) or No (2).");

    /// <summary>"Still right?" answered with something else: is it the new value? (<paramref name="field"/> may be empty.)</summary>
    public static string IsItNew(string language, string field, string value) => field.Length == 0
        ? Pick(language, $"Maksud Anda jawaban baru \"{value}\"?", $"Do you mean a new answer: \"{value}\"?")
        : Pick(language, $"Maksud Anda {field.ToLowerInvariant()} baru \"{value}\"?", $"Do you mean a new {field.ToLowerInvariant()}: \"{value}\"?");

    /// <summary>An answer far outside what the question expects, said back with its reading.</summary>
    public static string IsItRight(string language, string reading) => Pick(language,
        $"{reading} — benar?",
        $"{reading} — is that right?");

    /// <summary>At a phone question, the number the owner is chatting from, offered for a yes.</summary>
    public static string UseSenderPhone(string language, string phone) => Pick(language,
        $"Pakai nomor yang Anda pakai untuk chat ini, {phone}?",
        $"Use the number you are chatting from, {phone}?");

    /// <summary>An amount given per month at a yearly question, multiplied by 12 and said back.</summary>
    public static string PerYear(string language, string reading) => Pick(language,
        $"Jadi setahun {reading}, ya?",
        $"So {reading} a year, right?");

    /// <summary>An approximate amount is kept as the round number it names, and said so.</summary>
    public static string Approximately(string language, string reading) => Pick(language,
        $"Baik, saya catat kira-kira {reading}.",
        $"All right, I have noted about {reading}.");

    /// <summary>A province found by its regency or city, said back so a wrong reading is seen at once.</summary>
    public static string PlaceIsIn(string language, string place, string province) => Pick(language,
        $"Baik, {place} di provinsi {province}.",
        $"All right, {place} is in {province} province.");

    public static string TypeAgain(string language) => Pick(language,
        "Baik, silakan ketik lagi jawabannya.",
        "All right, please type the answer again.");

    public static string ReviewReprompt(string language) => Pick(language,
        "Ketik 1 atau \"benar\" untuk lanjut, atau \"ubah 2\" untuk mengubah baris 2 ringkasan.",
        "Type 1 or \"correct\" to continue, or \"edit 2\" to change line 2 of the summary.");

    /// <summary>A word that fits several options: which one, by the numbers of the buttons below.</summary>
    public static string WhichOne(string language, string typed, string candidates) => Pick(language,
        $"\"{typed}\" cocok dengan beberapa pilihan: {candidates}. Yang mana? Ketik nomornya atau ketuk tombolnya.",
        $"\"{typed}\" fits several choices: {candidates}. Which one? Type its number or tap its button.");

    /// <summary>A word that fits several answers of a question without buttons (an island: several provinces).</summary>
    public static string WhichOneTyped(string language, string typed, string candidates) => Pick(language,
        $"\"{typed}\" bisa berarti beberapa: {candidates}. Yang mana? Ketik namanya.",
        $"\"{typed}\" could be several: {candidates}. Which one? Type its name.");

    /// <summary>An amount in words, as owners say it: "480 miliar", "1,5 juta"; empty under a thousand.</summary>
    public static string AmountWords(string language, decimal amount)
    {
        var culture = Languages.Culture(language);
        var english = language == Languages.English;
        var (unit, name) = Math.Abs(amount) switch
        {
            >= 1_000_000_000_000m => (1_000_000_000_000m, english ? "trillion" : "triliun"),
            >= 1_000_000_000m => (1_000_000_000m, english ? "billion" : "miliar"),
            >= 1_000_000m => (1_000_000m, english ? "million" : "juta"),
            >= 1_000m => (1_000m, english ? "thousand" : "ribu"),
            _ => (0m, string.Empty),
        };
        return unit == 0 ? string.Empty : $"{(amount / unit).ToString("#,0.##", culture)} {name}";
    }

    /// <summary>The built-in re-prompt for an input kind, used when the step gives none of its own.</summary>
    /// <param name="buttons">How many buttons the owner sees under the question, for the range a choice names.</param>
    public static string Reprompt(string language, InputSpec input, int buttons)
    {
        var min = input.Min;
        var max = input.Max;
        return input.Kind switch
        {
            // The limit InputReader applies to text, not the engine's limit on any message.
            InputKind.Text => Pick(language,
                $"Mohon ketik jawaban antara {min ?? 1} dan {max ?? InputReader.DefaultMaxTextLength} karakter.",
                $"Please type an answer of {min ?? 1} to {max ?? InputReader.DefaultMaxTextLength} characters."),
            InputKind.Integer when min is not null || max is not null => Pick(language,
                $"Mohon ketik angka bulat{Range(language, min, max)}.",
                $"Please type a whole number{Range(language, min, max)}."),
            InputKind.Integer => Pick(language, "Mohon ketik angka bulat, misalnya 12.", "Please type a whole number, for example 12."),
            InputKind.Number => Pick(language,
                $"Mohon ketik angka, misalnya 2,5{Range(language, min, max)}.",
                $"Please type a number, for example 2.5{Range(language, min, max)}."),
            InputKind.Money => Pick(language,
                $"Mohon ketik jumlah dalam rupiah, misalnya 15.000.000 atau 15 juta{Range(language, min, max, money: true)}.",
                $"Please type an amount in rupiah, for example 15.000.000 or 15 juta{Range(language, min, max, money: true)}."),
            InputKind.YesNo => Pick(language, "Mohon jawab Ya atau Tidak.", "Please answer Yes or No."),
            InputKind.Choice => Pick(language,
                $"Mohon pilih salah satu tombol, atau ketik nomornya (1–{buttons}).",
                $"Please tap one of the buttons, or type its number (1–{buttons})."),
            InputKind.Nik => Pick(language,
                "NIK terdiri dari 16 angka, seperti tertulis di KTP Anda. Mohon periksa dan ketik lagi.",
                "An NIK has 16 digits, as printed on your KTP (ID card). Please check it and type it again."),
            InputKind.Phone => Pick(language,
                "Mohon ketik nomor HP Indonesia, misalnya 0812 3456 7890.",
                "Please type an Indonesian mobile number, for example 0812 3456 7890."),
            InputKind.Date => Pick(language,
                "Mohon ketik tanggal, misalnya 31-12-2025 atau 31 Desember 2025.",
                "Please type a date, for example 31-12-2025 or 31 December 2025."),
            _ => Pick(language,
                "Mohon ketik nama provinsi, misalnya Jawa Barat atau DKI Jakarta.",
                "Please type the province name, for example Jawa Barat or DKI Jakarta."),
        };
    }

    private static string Range(string language, decimal? min, decimal? max, bool money = false)
    {
        string Show(decimal value) => money
            ? Values.DialogValue.FromMoney((long)value).Display(language)
            : Values.DialogValue.FromNumber(value).Display(language);

        return (min, max) switch
        {
            ({ } a, { } b) => Pick(language, $" antara {Show(a)} dan {Show(b)}", $" between {Show(a)} and {Show(b)}"),
            ({ } a, null) => Pick(language, $" paling sedikit {Show(a)}", $" of at least {Show(a)}"),
            (null, { } b) => Pick(language, $" paling banyak {Show(b)}", $" of at most {Show(b)}"),
            _ => string.Empty,
        };
    }
}
