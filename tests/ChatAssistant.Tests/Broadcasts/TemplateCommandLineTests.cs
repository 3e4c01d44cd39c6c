using ChatAssistant.Outbox;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// <c>broadcast create --whatsapp-template</c> as operators run it (the real executable), with the approved templates
/// in configuration (<c>WhatsApp__Templates__N__…</c>): a template that is not approved, in another language or with
/// another number of parameters is refused in one line and nothing is created; an approved one is stored with the broadcast.
/// </summary>
public sealed class TemplateCommandLineTests : IDisposable
{
    private static readonly Dictionary<string, string> Approved = new()
    {
        ["WhatsApp__Templates__0__Name"] = "info_program",
        ["WhatsApp__Templates__0__Language"] = "id",
        ["WhatsApp__Templates__0__Parameters"] = "1",
        ["WhatsApp__Templates__0__Category"] = "marketing",
        ["WhatsApp__Templates__1__Name"] = "pengingat",
        ["WhatsApp__Templates__1__Language"] = "id",
        ["WhatsApp__Templates__1__Parameters"] = "0",
        ["WhatsApp__Templates__1__Category"] = "utility",
    };

    private readonly TempFolder _folder = new();

    public TemplateCommandLineTests()
    {
        Owners.CreateSchema(_folder.DatabasePath);
        var owners = new Owners(_folder.DatabasePath);
        owners.Add("6281100000001", channel: "whatsapp", lastSeen: DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        owners.Add("6281100000002", channel: "whatsapp", lastSeen: DateTimeOffset.UtcNow - TimeSpan.FromDays(3));
        owners.Add("6281100000003", channel: "whatsapp", lastSeen: DateTimeOffset.UtcNow - TimeSpan.FromDays(4));
    }

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Fact]
    public async Task An_approved_template_is_stored_with_the_broadcast_and_the_operator_is_told_who_gets_it()
    {
        var (exitCode, output, error) = await CreateAsync(Approved, "--whatsapp-template", "info_program", "--template-language", "id", "--template-param", "Bimtek Padang 2026");

        Assert.True(exitCode == 0, error);
        Assert.Contains("2 WhatsApp owners outside the 24-hour window now get the template info_program (id).", output, StringComparison.Ordinal);
        Assert.Equal(new OutboxTemplate("info_program", "id", ["Bimtek Padang 2026"]).Encode(), Sql.Text(Db, "SELECT whatsapp_template FROM broadcasts"));
    }

    [Fact]
    public async Task Without_a_template_the_operator_is_told_how_many_will_be_counted_outside_the_window()
    {
        var (exitCode, output, error) = await CreateAsync(Approved);

        Assert.True(exitCode == 0, error);
        Assert.Contains("2 WhatsApp owners are outside the 24-hour window now: counted outside_window, not sent, unless they write first (add --whatsapp-template to reach them).", output, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts WHERE whatsapp_template IS NOT NULL"));
    }

    [Theory]
    [InlineData("info_programm|id|Bimtek", "broadcast create: --whatsapp-template \"info_programm\" is not an approved template (did you mean info_program?); the approved ones (WhatsApp:Templates) are: info_program (id), pengingat (id).")]
    [InlineData("info_program|en|Bimtek", "broadcast create: template info_program is approved in id, not \"en\": use --template-language id.")]
    [InlineData("info_program||Bimtek", "broadcast create: --template-language is required with --whatsapp-template: info_program is approved in id.")]
    [InlineData("info_program|id|", "broadcast create: template info_program (id) takes 1 parameter (--template-param, once each, in order); 0 given.")]
    [InlineData("pengingat|id|Bimtek", "broadcast create: template pengingat (id) takes 0 parameters (--template-param, once each, in order); 1 given.")]
    [InlineData("|id|", "broadcast create: --template-language and --template-param go with --whatsapp-template NAME; without a template, WhatsApp owners outside the 24-hour window are counted, not sent.")]
    public async Task A_template_that_is_not_approved_as_given_is_refused_in_one_line_and_nothing_is_created(string given, string expected)
    {
        var parts = given.Split('|');
        var arguments = new List<string>();
        if (parts[0].Length > 0)
        {
            arguments.AddRange(["--whatsapp-template", parts[0]]);
        }

        if (parts[1].Length > 0)
        {
            arguments.AddRange(["--template-language", parts[1]]);
        }

        if (parts[2].Length > 0)
        {
            arguments.AddRange(["--template-param", parts[2]]);
        }

        var (exitCode, output, error) = await CreateAsync(Approved, [.. arguments]);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(expected + "\n", error);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task With_no_templates_configured_a_template_is_refused_with_where_to_list_them()
    {
        var (exitCode, _, error) = await CreateAsync(new Dictionary<string, string>(), "--whatsapp-template", "info_program", "--template-language", "id");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("broadcast create: no WhatsApp templates are configured: list the ones approved in WhatsApp Manager under WhatsApp:Templates", error, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Fact]
    public async Task A_badly_listed_template_is_named_in_one_line_per_problem()
    {
        var broken = new Dictionary<string, string>(Approved)
        {
            ["WhatsApp__Templates__0__Name"] = "Info Program",
            ["WhatsApp__Templates__1__Category"] = "authentication",
        };

        var (exitCode, _, error) = await CreateAsync(broken, "--whatsapp-template", "pengingat", "--template-language", "id");

        Assert.Equal(1, exitCode);
        Assert.Contains("\n  WhatsApp:Templates:0:Name must be the template's name as approved in WhatsApp Manager: lowercase letters, digits and _ (\"Info Program\" is not).", error, StringComparison.Ordinal);
        Assert.Contains("\n  WhatsApp:Templates:1:Category must be marketing or utility", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    private Task<(int ExitCode, string Output, string Error)> CreateAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        AssistantProcess.RunAsync(string.Empty, environment,
            ["broadcast", "create", "--text-file", _folder.File("pengumuman.txt", "Pendaftaran Bimtek Padang ditutup Jumat.\n"), .. arguments,
                "--db", Db, "--dialogs", Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs")]);
}
