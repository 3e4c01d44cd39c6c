using ChatAssistant.Broadcasts;
using ChatAssistant.Channels.WhatsApp;
using ChatAssistant.Reminders;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Reminders;

/// <summary>
/// reminders.yaml, the wording maintainers edit: the shipped file reads; every mistake a maintainer can make is
/// refused at its line and column, all at once; fields fill in; an owner's language falls back to Indonesian.
/// </summary>
public sealed class ReminderTextsTests
{
    private const string File = "reminders.yaml";

    private static readonly Dictionary<string, string> TrainingFields = new(StringComparer.Ordinal)
    {
        ["title"] = "Bimtek Ekspor Kopi",
        ["start"] = "8 Desember 2026",
        ["end"] = "9 Desember 2026",
        ["place"] = "Padang",
        ["code"] = "K7Q2",
        ["contact"] = "0812 0000 0000",
    };

    private static string Shipped => Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs", "data", "reminders.yaml");

    /// <summary>A file every kind of which reads, with <paramref name="unfinished"/> as the unfinished kind's entry (indented 4).</summary>
    private static string With(string unfinished = """
            text: { id: "Lanjutkan {dialog}?", en: "Continue {dialog}?" }
            button: { id: Lanjutkan, en: Continue }
        """) => $$"""
        kinds:
          training_3d:
            text: { id: "Pelatihan {title} mulai {start}. Kode {code}.", en: "Training {title} starts {start}. Code {code}." }
            button: { id: Batalkan pendaftaran, en: Cancel registration }
            whatsapp_template: { name: pengingat_pelatihan, parameters: [title, start, code] }
          training_1d:
            text: "Pelatihan {title} besok."
          training_followup:
            text: { id: "Bagaimana {title}?" }
          deadline:
            text: { id: "{title} ditutup {deadline}." }
          unfinished:
        {{unfinished}}
          export_recheck:
            text: { id: "Skor {score} pada {date}." }
        topics:
          training: { id: Pengingat pelatihan, en: Training reminders }
          deadlines: { id: Batas waktu pendaftaran }
          unfinished: { id: Percakapan yang belum selesai }
          export: { id: Cek ulang kesiapan ekspor }
        """;

    private static string[] Problems(string yaml)
    {
        var refused = Assert.Throws<ReminderTextsException>(() => ReminderTexts.Parse(File, yaml));
        return refused.Message.Split(Environment.NewLine);
    }

    [Fact]
    public void The_shipped_file_reads_with_a_text_button_and_topic_name_for_every_kind_in_both_languages()
    {
        var texts = ReminderTexts.Load(Shipped);

        Assert.Empty(ReminderTexts.Check(Shipped, "reminders.yaml"));
        foreach (var kind in ReminderKinds.All)
        {
            Assert.True(texts.Has(kind), kind.Name());
            var fields = ReminderFields.Of(kind).ToDictionary(f => f, f => "<" + f + ">", StringComparer.Ordinal);
            foreach (var language in new[] { "id", "en" })
            {
                var text = texts.Text(kind, language, fields);
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                Assert.NotNull(texts.Button(kind, language));
            }

            Assert.NotEqual(texts.Text(kind, "id", fields), texts.Text(kind, "en", fields));
        }

        foreach (var topic in ReminderTopics.All)
        {
            Assert.NotEqual(topic.Name(), texts.Topic(topic, "id"));
            Assert.NotEqual(texts.Topic(topic, "id"), texts.Topic(topic, "en"));
        }
    }

    [Fact]
    public void The_shipped_training_reminders_name_an_approved_template_whose_parameters_are_their_fields()
    {
        var texts = ReminderTexts.Load(Shipped);

        Assert.Equal("pengingat_pelatihan", texts.TemplateName(ReminderKind.TrainingIn3Days));
        Assert.Equal(["Bimtek Ekspor Kopi", "8 Desember 2026", "K7Q2"], texts.TemplateParameters(ReminderKind.TrainingIn3Days, TrainingFields));
    }

    [Fact]
    public void A_configured_template_taking_another_number_of_parameters_than_the_file_passes_is_found_at_start()
    {
        var texts = ReminderTexts.Parse(File, With());
        var templates = new WhatsAppTemplateOptions();
        templates.Templates.Add(new ApprovedTemplate { Name = "pengingat_pelatihan", Language = "id", Parameters = 3, Category = "utility" });
        templates.Templates.Add(new ApprovedTemplate { Name = "pengingat_pelatihan", Language = "en", Parameters = 2, Category = "utility" });
        templates.Templates.Add(new ApprovedTemplate { Name = "pengingat_pelatihan", Language = "jv", Parameters = 1, Category = "marketing" }); // never used for reminders

        var mismatch = Assert.Single(texts.MismatchedTemplates(templates));

        Assert.Equal((ReminderKind.TrainingIn3Days, "en", 2, 3), (mismatch.Kind, mismatch.Template.Language, mismatch.Template.Parameters, mismatch.Passed));
    }

    [Fact]
    public void The_limits_are_the_channels_own()
    {
        Assert.Equal(WhatsAppMessageShape.MaxBody, ReminderTexts.MaxTextWithButton);
        Assert.Equal(WhatsAppMessageShape.MaxButtonTitle, ReminderTexts.MaxButtonLabel);
    }

    [Fact]
    public void Fields_fill_in_and_a_template_gets_its_parameters_in_order()
    {
        var texts = ReminderTexts.Parse(File, With());

        Assert.Equal("Pelatihan Bimtek Ekspor Kopi mulai 8 Desember 2026. Kode K7Q2.", texts.Text(ReminderKind.TrainingIn3Days, "id", TrainingFields));
        Assert.Equal("Training Bimtek Ekspor Kopi starts 8 Desember 2026. Code K7Q2.", texts.Text(ReminderKind.TrainingIn3Days, "en", TrainingFields));
        Assert.Equal(["Bimtek Ekspor Kopi", "8 Desember 2026", "K7Q2"], texts.TemplateParameters(ReminderKind.TrainingIn3Days, TrainingFields));
        Assert.Equal("pengingat_pelatihan", texts.TemplateName(ReminderKind.TrainingIn3Days));
        Assert.Null(texts.TemplateName(ReminderKind.TrainingIn1Day));
        Assert.Null(texts.Button(ReminderKind.TrainingIn1Day, "id"));
    }

    [Fact]
    public void An_owner_whose_language_has_no_text_reads_Indonesian()
    {
        var texts = ReminderTexts.Parse(File, With());

        // training_1d is a plain string (Indonesian only); deadlines' topic has no English name.
        Assert.Equal("Pelatihan Bimtek Ekspor Kopi besok.", texts.Text(ReminderKind.TrainingIn1Day, "en", TrainingFields));
        Assert.Equal("Bagaimana Bimtek Ekspor Kopi?", texts.Text(ReminderKind.TrainingFollowUp, "en", TrainingFields));
        Assert.Equal("Batas waktu pendaftaran", texts.Topic(ReminderTopic.Deadlines, "en"));
        Assert.Equal("Training reminders", texts.Topic(ReminderTopic.Training, "en"));
        Assert.Equal("Lanjutkan", texts.Button(ReminderKind.Unfinished, "jv"));
    }

    [Fact]
    public void An_unknown_key_is_refused_at_its_line_with_the_closest_key()
    {
        var problems = Problems(With("""
                text: { id: "Lanjutkan {dialog}?" }
                buton: { id: Lanjutkan }
            """));

        var problem = Assert.Single(problems);
        Assert.StartsWith("reminders.yaml:14:5: error unknown-key: unknown key 'buton' (did you mean button?)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_language_or_topic_is_refused_with_the_closest_one()
    {
        var problems = Problems(With().Replace("  export_recheck:", "  export_recheks:", StringComparison.Ordinal)
            .Replace("deadlines: { id:", "deadline: { id:", StringComparison.Ordinal)
            .Replace("en: Continue", "eng: Continue", StringComparison.Ordinal));

        Assert.Contains(problems, p => p.StartsWith("reminders.yaml:14:30: error unknown-key: unknown language 'eng' (did you mean en?)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("reminders.yaml:15:3: error unknown-key: unknown reminder kind 'export_recheks' (did you mean export_recheck?)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("reminders.yaml:19:3: error unknown-key: unknown topic 'deadline' (did you mean deadlines?)", StringComparison.Ordinal));

        // What the misspelt keys left out is missing too: said at the key it belongs under, since it has no line of its own.
        Assert.Contains("reminders.yaml:1:1: error missing-field: no text for the reminder kind 'export_recheck'", problems[0], StringComparison.Ordinal);
        Assert.Contains(problems, p => p.StartsWith("reminders.yaml:17:1: error missing-field: no name for the topic 'deadlines'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_field_the_kind_does_not_provide_is_refused_with_the_fields_it_has()
    {
        var problem = Assert.Single(Problems(With("""
                text: { id: "Lanjutkan {dialog} dari {step}?", en: "Continue {dialog}?" }
            """)));

        Assert.Equal("reminders.yaml:13:17: error unknown-answer: the text of 'unfinished' in 'id' shows {step}, which this kind does not provide; it has {dialog}.", problem);

        var second = Problems(With("""
                text: { id: "Lanjutkan {dialog}?", en: "Continue {dialg}?" }
            """));
        Assert.Equal(["reminders.yaml:13:44: error unknown-answer: the text of 'unfinished' in 'en' shows {dialg} (did you mean dialog?), which this kind does not provide; it has {dialog}."], second);
    }

    [Fact]
    public void A_brace_left_open_is_refused()
    {
        var problem = Assert.Single(Problems(With("""
                text: { id: "Lanjutkan {dialog?" }
            """)));

        Assert.StartsWith("reminders.yaml:13:17: error bad-value: the text of 'unfinished' in 'id' opens a '{' it never closes", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_parameter_that_is_not_a_field_of_the_kind_is_refused()
    {
        var problems = Problems(With().Replace("parameters: [title, start, code]", "parameters: [title, tanggal, dialog]", StringComparison.Ordinal));

        Assert.Equal(
        [
            "reminders.yaml:5:73: error unknown-answer: the template parameter 'tanggal' is not a field of 'training_3d'; it has {title} {start} {end} {place} {code} {contact}.",
            "reminders.yaml:5:82: error unknown-answer: the template parameter 'dialog' is not a field of 'training_3d'; it has {title} {start} {end} {place} {code} {contact}.",
        ], problems);
    }

    [Fact]
    public void A_template_without_an_approvable_name_is_refused()
    {
        Assert.Equal(
            ["reminders.yaml:5:32: error bad-value: the whatsapp_template of 'training_3d' is named 'Pengingat Pelatihan'; an approved template's name has only lowercase letters, digits and _."],
            Problems(With().Replace("name: pengingat_pelatihan", "name: Pengingat Pelatihan", StringComparison.Ordinal)));
        Assert.Equal(
            ["reminders.yaml:5:24: error missing-field: the whatsapp_template of 'training_3d' needs the name it was approved under in WhatsApp Manager."],
            Problems(With().Replace("name: pengingat_pelatihan, ", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_text_without_Indonesian_is_refused()
    {
        var problem = Assert.Single(Problems(With("""
                text: { en: "Continue {dialog}?" }
            """)));

        Assert.Equal("reminders.yaml:13:11: error missing-translation: the text of 'unfinished' needs Indonesian (id:); English (en:) is optional.", problem);
    }

    [Fact]
    public void An_empty_text_and_a_missing_text_are_refused()
    {
        Assert.Equal(
            ["reminders.yaml:13:17: error missing-field: the text of 'unfinished' in 'id' is empty."],
            Problems(With("""
                    text: { id: "" }
                """)));
        Assert.Equal(
            ["reminders.yaml:13:5: error missing-field: 'unfinished' needs a text: { id: ..., en: ... }."],
            Problems(With("""
                    button: { id: Lanjutkan }
                """)));
    }

    [Fact]
    public void Texts_and_labels_over_the_channels_limits_are_refused()
    {
        var long1025 = new string('a', ReminderTexts.MaxTextWithButton - "{dialog}".Length + 1);
        var problems = Problems(With($$"""
                text: { id: "{dialog} {{long1025}}" }
                button: { id: Lanjutkan mengisi formulir }
            """));

        Assert.Equal(
        [
            "reminders.yaml:13:17: error channel-limit: the text of 'unfinished' in 'id' is 1026 characters, over the 1024 of a WhatsApp message with a button; shorten it.",
            "reminders.yaml:14:19: error channel-limit: the button of 'unfinished' in 'id' is 26 characters, over the 20 of a WhatsApp reply button; shorten it.",
        ], problems);

        // Without a button the reminder is a plain message: Telegram's and WhatsApp's 4096.
        var long4097 = new string('a', ReminderTexts.MaxText + 1);
        Assert.Contains("is 4097 characters, over the 4096 of a Telegram or WhatsApp message", Assert.Single(Problems(With($$"""
                text: { id: "{{long4097}}" }
            """))), StringComparison.Ordinal);
        ReminderTexts.Parse(File, With($$"""
                text: { id: "{{new string('a', ReminderTexts.MaxText)}}" }
            """));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var problems = Problems(With("""
                text: { id: "Lanjutkan {langkah}?" }
                button: { id: Lanjutkan pengisian sekarang }
                whatsapp_template: { name: lanjut, parameters: [step] }
            """));

        Assert.Equal(3, problems.Length);
        Assert.Equal([13, 14, 15], problems.Select(p => int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void A_yaml_mistake_names_its_line_and_a_missing_file_says_it_cannot_be_read()
    {
        var syntax = Assert.Single(Problems("kinds:\n  unfinished:\n    text: { id: \"Lanjutkan?\"\n"));
        Assert.StartsWith("reminders.yaml:4:", syntax, StringComparison.Ordinal);
        Assert.Contains("YAML syntax", syntax, StringComparison.Ordinal);

        var missing = Assert.Throws<ReminderTextsException>(() => ReminderTexts.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "reminders.yaml")));
        Assert.Contains("the reminder texts cannot be read", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_has_its_fields_and_the_files_comment_lists_the_same()
    {
        var comment = System.IO.File.ReadAllLines(Shipped).TakeWhile(l => l.StartsWith('#')).ToList();
        foreach (var kind in ReminderKinds.All)
        {
            var line = Assert.Single(comment, l => l.Contains(kind.Name() + ",", StringComparison.Ordinal) || l.Contains(kind.Name() + ":", StringComparison.Ordinal));
            foreach (var field in ReminderFields.Of(kind))
            {
                Assert.Contains("{" + field + "}", line, StringComparison.Ordinal);
            }

            Assert.Equal(ReminderFields.Of(kind).Count, line.Count(c => c == '{'));
        }
    }
}
