using ChatAssistant.Broadcasts;

namespace ChatAssistant.Tests.Broadcasts;

public sealed class WhatsAppTemplateOptionsTests
{
    [Fact]
    public void Approved_templates_pass_and_no_templates_is_fine()
    {
        var validator = new WhatsAppTemplateOptionsValidator();
        var options = new WhatsAppTemplateOptions();
        Assert.True(validator.Validate(null, options).Succeeded);

        options.Templates.Add(new ApprovedTemplate { Name = "info_program_2", Language = "id", Parameters = 2, Category = "marketing" });
        options.Templates.Add(new ApprovedTemplate { Name = "info_program_2", Language = "en_US", Parameters = 2, Category = "Utility" });
        Assert.True(validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Each_problem_is_one_line_naming_the_entry()
    {
        var options = new WhatsAppTemplateOptions();
        options.Templates.Add(new ApprovedTemplate { Name = "ok", Language = "indonesian", Parameters = -1, Category = "marketing" });
        options.Templates.Add(new ApprovedTemplate { Name = null, Language = "id", Parameters = 0, Category = null });
        options.Templates.Add(new ApprovedTemplate { Name = "ok", Language = "indonesian", Parameters = 0, Category = "utility" });

        var result = new WhatsAppTemplateOptionsValidator().Validate(null, options);

        Assert.Equal(
        [
            "WhatsApp:Templates:0:Language must be the code the template was approved in, like id, en or en_US (\"indonesian\" is not).",
            "WhatsApp:Templates:0:Parameters must be how many {{n}} parameters its body has, from 0 (\"-1\" is not).",
            "WhatsApp:Templates:1:Name must be the template's name as approved in WhatsApp Manager: lowercase letters, digits and _ (\"\" is not).",
            "WhatsApp:Templates:1:Category must be marketing or utility, as approved (\"\" is not; authentication templates are not for announcements).",
            "WhatsApp:Templates:2:Language must be the code the template was approved in, like id, en or en_US (\"indonesian\" is not).",
            "WhatsApp:Templates:2 lists ok (indonesian) a second time; list each template once per language.",
        ],
            result.Failures);
    }

    [Fact]
    public void A_parameter_whatsapp_would_refuse_is_named()
    {
        var options = new WhatsAppTemplateOptions();
        options.Templates.Add(new ApprovedTemplate { Name = "info_program", Language = "id", Parameters = 2, Category = "marketing" });

        Assert.Null(options.Problem("info_program", "id", ["Bimtek", "Padang"]));
        Assert.Equal(
            "--template-param 2 must be one line of text without tabs or more than four spaces in a row (WhatsApp refuses those).",
            options.Problem("info_program", "id", ["Bimtek", "Padang\nSumbar"]));
    }
}
