using System.Globalization;
using ChatAssistant.Tests.Support;

namespace ChatAssistant.Tests.Broadcasts;

/// <summary>
/// The broadcast verbs as operators run them (the real executable): they say who a segment leaves out, refuse a
/// broadcast for nobody, show schedule times in WIB, suggest the value an operator likely meant, and answer every
/// bad value or file with one line and a non-zero exit, creating nothing.
/// </summary>
public sealed class OperatorCommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public OperatorCommandLineTests() => Owners.CreateSchema(_folder.DatabasePath);

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.DatabasePath;

    [Fact]
    public async Task Preview_and_create_say_who_the_segment_leaves_out_and_why()
    {
        var owners = new Owners(Db);
        owners.InProvince("6281200001111", "Sumatera Barat");
        owners.InProvince("6281200002222", "Sumatera Barat");
        owners.InProvince("terminal-user", "Sumatera Barat", channel: "console");
        owners.OptOut(owners.InProvince("6281200003333", "Sumatera Barat"));
        owners.Unreachable(owners.InProvince("6281200004444", "Sumatera Barat"));
        owners.Unreachable(owners.InProvince("6281200005555", "Sumatera Barat"));
        owners.InProvince("terminal-riau", "Riau", channel: "console"); // not in the filters: not "left out"
        const string LeftOut = "Left out: 1 owner who only used the terminal chat (announcements go to chat apps only), "
            + "1 owner who turned announcements off (/berhenti), 2 owners the chat app reports unreachable (they blocked the assistant).";

        var (exitCode, output, error) = await BroadcastAsync("preview", "--province", "Sumbar");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("2 owners would receive it (province=Sumatera Barat).\n" + LeftOut + "\n", output, StringComparison.Ordinal);

        (exitCode, output, error) = await BroadcastAsync("create", "--text-file", Announcement(), "--province", "Sumbar");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith("Broadcast 1 created for 2 owners (province=Sumatera Barat);", output, StringComparison.Ordinal);
        Assert.Contains("\n" + LeftOut, output, StringComparison.Ordinal);
        Assert.Equal(["6281200001111", "6281200002222"], owners.Recipients(1));
    }

    [Fact]
    public async Task A_broadcast_for_nobody_is_refused_unless_allowed_and_the_list_shows_its_schedule_in_wib()
    {
        var owners = new Owners(Db);
        owners.InProvince("6281200001111", "Riau");
        owners.InProvince("terminal-user", "Sumatera Barat", channel: "console");

        var (exitCode, output, error) = await BroadcastAsync("create", "--text-file", Announcement(), "--province", "Sumbar");
        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            "broadcast create: no owner matches (province=Sumatera Barat), so nothing was created. Left out: 1 owner who only used the terminal chat "
            + "(announcements go to chat apps only). To create it anyway (e.g. scheduled for owners expected by then), add --allow-empty.\n",
            error);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));

        var at = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date.AddDays(2).AddHours(9);
        var atText = at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        (exitCode, output, error) = await BroadcastAsync("create", "--text-file", Announcement(), "--province", "Sumbar", "--at", atText, "--allow-empty");
        Assert.True(exitCode == 0, error);
        var scheduled = atText + ":00+07:00";
        Assert.StartsWith($"Broadcast 1 scheduled for {scheduled}; 0 owners match now (province=Sumatera Barat);", output, StringComparison.Ordinal);

        (exitCode, output, error) = await BroadcastAsync("list");
        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id\tstatus\tscheduled (WIB)\tcreated (WIB)\trecipients\tsent\tsegment", lines[0]);
        var columns = lines[1].Split('\t');
        Assert.Equal(["1", "scheduled", scheduled], columns[..3]);
        Assert.EndsWith("+07:00", columns[3], StringComparison.Ordinal); // created, also in WIB
        Assert.NotEqual(columns[2], columns[3]);
        Assert.Equal(["0", "0", "province=Sumatera Barat"], columns[4..]);
    }

    [Theory]
    [InlineData("--province", "Sumbr", "broadcast: Unknown province \"Sumbr\" (did you mean Sumbar, i.e. Sumatera Barat?).")]
    [InlineData("--province", "Jawa Barta", "broadcast: Unknown province \"Jawa Barta\" (did you mean Jawa Barat?).")]
    [InlineData("--sector", "fod", "broadcast: No owner has the sector \"fod\" (did you mean food?). Sectors owners have: craft, food.")]
    [InlineData("--class", "mikro,smal", "broadcast: Unknown business class \"smal\" (did you mean small?): micro, small, medium or large.")]
    [InlineData("--language", "englsh", "broadcast: No language \"englsh\" (did you mean en?): id or en.")]
    [InlineData("--outcome", "stimulus-eligibilty:bpum_eligible", "broadcast: No conversation of the dialog \"stimulus-eligibilty\" (did you mean stimulus-eligibility?) has ended with an outcome yet.")]
    [InlineData("--outcome", "stimulus-eligibility:bpum_eligble", "broadcast: No conversation of stimulus-eligibility has ended with \"bpum_eligble\" (did you mean bpum_eligible?). Outcomes so far: bpum_eligible.")]
    [InlineData("--answer", "kur_reslt:micro", "broadcast: No owner has an answer saved under \"kur_reslt\" (did you mean kur_result?). Keys with answers: kur_result.")]
    [InlineData("--answer", "kur_result:Micro", "broadcast: No owner answered kur_result with \"Micro\" (did you mean micro?). Answers so far: micro.")]
    [InlineData("--registered", "esmart-ikm-2026-1", "broadcast: Nobody is registered for \"esmart-ikm-2026-1\" (did you mean esmart-ikm-2026-12?).")]
    [InlineData("--not-registered", "esmart-ikm-2062-12", "broadcast: There is no programme \"esmart-ikm-2062-12\" (did you mean esmart-ikm-2026-12?).")]
    public async Task Every_filter_value_gets_a_did_you_mean_and_nothing_is_created(string option, string value, string expected)
    {
        var owners = new Owners(Db);
        var ani = owners.Add("6281200001111", profile: [("province", "t:Sumatera Barat"), ("sector", "t:food")]);
        owners.Add("6281200002222", profile: [("sector", "t:craft")]);
        owners.Conversation(ani, "stimulus-eligibility", 2, "bpum_eligible", ("kur_result", "t:micro"));
        owners.Registration(ani, "esmart-ikm-2026-12", "seat");

        var (exitCode, preview, previewError) = await BroadcastAsync("preview", option, value);
        var (createExit, _, createError) = await BroadcastAsync("create", "--text-file", Announcement(), option, value);

        Assert.Equal((1, 1), (exitCode, createExit));
        Assert.Equal(string.Empty, preview);
        Assert.StartsWith(expected, previewError, StringComparison.Ordinal);
        Assert.Equal(previewError, createError);
        Assert.Single(previewError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    /// <summary>Announcement files that must never reach owners: each refused with its reason, nothing created.</summary>
    public static TheoryData<string, byte[], string> BadAnnouncementFiles => new()
    {
        { "utf16le.txt", [0xFF, 0xFE, (byte)'H', 0, (byte)'a', 0, (byte)'l', 0, (byte)'o', 0], "is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8." },
        { "utf16be.txt", [0xFE, 0xFF, 0, (byte)'H', 0, (byte)'a'], "is UTF-16 text" },
        { "utf32.txt", [0xFF, 0xFE, 0, 0, (byte)'H', 0, 0, 0], "is UTF-32 text" },
        { "logo.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "is not UTF-8 text: byte 0x89 on line 1 is not valid UTF-8" },
        { "latin1.txt", [(byte)'C', (byte)'a', (byte)'f', 0xE9, (byte)'\n'], "is not UTF-8 text: byte 0xE9 on line 1" },
        { "nul.txt", [(byte)'H', (byte)'a', (byte)'l', (byte)'o', (byte)'\n', 0, (byte)'x'], "contains NUL bytes (on line 2): it is a binary file, not text." },
        { "escape.txt", [.. "Halo \u001b[31mmerah"u8], "contains the control character U+001B on line 1; an announcement is plain text (line breaks and tabs only)." },
        { "bell.txt", [.. "Baris satu\nBaris dua\u0007"u8], "contains the control character U+0007 on line 2" },
        { "c1.txt", [.. "Halo \u0085 dunia"u8], "contains the control character U+0085 on line 1" },
        { "overlong.txt", [(byte)'H', 0xC0, 0xAF], "is not UTF-8 text: byte 0xC0" },
        { "surrogate.txt", [(byte)'H', 0xED, 0xA0, 0x80], "is not UTF-8 text: byte 0xED" },
        { "truncated.txt", [(byte)'H', 0xE2, 0x82], "is not UTF-8 text: byte 0xE2" },
        { "empty.txt", [], "is empty." },
        { "blank.txt", [.. "  \n\t\r\n "u8], "is empty." },
        { "invisible.txt", [.. "\u200d\u200b\u2060\ufeff"u8], "has only invisible characters." },
        { "long.txt", [.. System.Text.Encoding.UTF8.GetBytes(new string('a', 3801))], "has 3,801 characters; an announcement holds at most 3,800." },
        { "huge.txt", [.. System.Text.Encoding.UTF8.GetBytes(new string('a', 100_000))], "is too long: an announcement holds at most 3,800 characters." },
    };

    [Theory]
    [MemberData(nameof(BadAnnouncementFiles))]
    public async Task An_announcement_file_that_is_not_utf8_text_is_refused_with_the_reason(string name, byte[] content, string reason)
    {
        new Owners(Db).InProvince("6281200001111", "Sumatera Barat");
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, content);

        var (exitCode, output, error) = await BroadcastAsync("create", "--text-file", path);
        var (enExit, _, enError) = await BroadcastAsync("create", "--text-file", Announcement(), "--text-en-file", path);

        Assert.Equal((1, 1), (exitCode, enExit));
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"broadcast create: --text-file {path} {reason}", error, StringComparison.Ordinal);
        Assert.StartsWith($"broadcast create: --text-en-file {path} {reason}", enError, StringComparison.Ordinal);
        AssertOneLine(error);
        AssertOneLine(enError);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Theory]
    [InlineData("folder", "is a folder, not a text file.")]
    [InlineData("missing.txt", "does not exist.")]
    [InlineData("/dev/zero", "is too long: an announcement holds at most 3,800 characters.")] // read no further than an announcement can be
    public async Task An_announcement_path_that_is_no_text_file_is_refused_with_the_reason(string name, string reason)
    {
        new Owners(Db).InProvince("6281200001111", "Sumatera Barat");
        Directory.CreateDirectory(Path.Combine(_folder.Path, "folder"));
        var path = Path.IsPathRooted(name) ? name : Path.Combine(_folder.Path, name);

        var (exitCode, _, error) = await BroadcastAsync("create", "--text-file", path);

        Assert.Equal(1, exitCode);
        Assert.Equal($"broadcast create: --text-file {path} {reason}\n", error);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    [Theory]
    [InlineData("--at", "tomorrow", "broadcast create: --at \"tomorrow\" is not a time; write YYYY-MM-DDTHH:MM in WIB, e.g. ")]
    [InlineData("--at", "2020-01-01T09:00", "broadcast create: --at 2020-01-01T09:00:00+07:00 is in the past; leave --at out to send now.")]
    [InlineData("--at", "2030-02-30T09:00", "broadcast create: --at \"2030-02-30T09:00\" is not a time")]
    [InlineData("--button", "=/pelatihan", "broadcast create: --button")]
    [InlineData("--button", "Daftar=/pelatihn", "broadcast create: --button: no owners' dialog starts with /pelatihn (did you mean /pelatihan?); the commands are: ")]
    [InlineData("--export-score-min", "lots", "broadcast: The minimum export score must be a number from 0 to 100, not \"lots\".")]
    [InlineData("--active-since", "kemarin", "broadcast: Cannot read the date \"kemarin\"; write e.g. 2026-11-01.")]
    [InlineData("--province", "", "broadcast: Filter province has no value.")]
    [InlineData("--province", "Riau,,Atlantis", "broadcast: Unknown province \"Atlantis\".")]
    [InlineData("--answer", "kur_result", "broadcast: Write answer as kur_result:micro.")]
    [InlineData("--outcome", ":bpum_eligible", "broadcast: Write outcome as stimulus-eligibility:criteria_met.")]
    public async Task A_bad_value_is_one_clear_line_and_creates_nothing(string option, string value, string expected)
    {
        new Owners(Db).InProvince("6281200001111", "Riau");

        var (exitCode, output, error) = await BroadcastAsync("create", "--text-file", Announcement(), option, value);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        AssertOneLine(error);
        Assert.Equal(0, Sql.Count(Db, "SELECT COUNT(*) FROM broadcasts"));
    }

    private static void AssertOneLine(string error)
    {
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    private string Announcement() => _folder.File("pengumuman.txt", "Pendaftaran Bimtek Padang ditutup Jumat.\n");

    private Task<(int ExitCode, string Output, string Error)> BroadcastAsync(params string[] arguments) =>
        AssistantProcess.RunAsync(string.Empty,
            ["broadcast", .. arguments, "--db", Db, "--dialogs", Path.Combine(AssistantProcess.RepositoryRoot(), "dialogs")]);
}
