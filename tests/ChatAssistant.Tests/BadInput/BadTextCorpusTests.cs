using System.Globalization;
using System.Text;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Tests.Support;
using ChatAssistant.Tests.Training;
using ChatAssistant.Training;

namespace ChatAssistant.Tests.BadInput;

/// <summary>
/// Bad-input corpus, texts: what an owner (or someone hostile) types that no question can read, sent through the
/// real writer with the shipped dialogs on a temp SQLite file, at a question of each input kind, in Bahasa
/// Indonesia and in English. Each must get a re-prompt in the owner's language that names the current question,
/// with no exception text, no placeholder left and nothing that garbles a chat app (no control or direction
/// characters, no lone surrogates); the conversation stays at its step and nothing is stored: the answers, the
/// profile, the steps and the language read back from the database are what they were.
///
/// Count: <see cref="Hostile"/> (49 texts, at each of the 8 reading kinds) + the kind-specific tables below
/// (money 14, integer 11, yes/no 7, choice 8, date 10, NIK 11, phone 9, province 7, free text 9) = 135 listed, 128 distinct
/// texts. Answers any Indonesian would read as valid ("200 jutaan", "iya kak") are deliberately absent: the
/// parsers' own tests hold those. Lone surrogate halves are in: Telegram's reader keeps such an update as a dead
/// letter, but the console and other channels hand them to the engine, which drops them.
/// </summary>
public sealed class BadTextCorpusTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Texts no question that reads a value (everything but free text) can take.</summary>
    public static readonly string[] Hostile =
    [
        "",
        "   ",
        "\t\r\n \r\n",
        "\u200B\u200C\u200D",
        "\uFEFF",
        "\uFEFF\u2060\u200B\u200D\u00AD",
        "\u0001\u0002\u0003\u0007",
        "\0",
        new string('x', 10_000),
        string.Concat(Enumerable.Repeat("ya 15 juta ", 1_000)),
        new string('\u200B', 10_000),
        "'; DROP TABLE answers; --",
        "\" OR \"\"=\"",
        "Robert'); DELETE FROM profile_values;--",
        "{name}",
        "{profile.name}",
        "{{7*7}}",
        "${jndi:ldap://127.0.0.1/a}",
        "%s%s%s%n",
        "%d",
        "{0}",
        "!!python/object/apply:os.system [\"id\"]",
        "&anchor *anchor",
        "key: [value, {nested: true}]",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
        "\u202Eakut atok\u202C",
        "\u2067abc\u2069",
        "🦄🌈🍕",
        "🤖",
        "NaN",
        "-1",
        "1e9",
        "∞",
        "-∞",
        "null",
        "undefined",
        "/xyz",
        "/",
        "//",
        "/ /",
        "/xyz@OtherBot",
        "/@",
        "/stimulusss",
        "/" + new string('a', 200),
        "\\menu",
        "¯\\_(ツ)_/¯",
        "\uD800",
        "\uDC00 \uD83D\uD83D",
    ];

    private static readonly string[] Money =
    [
        "-15 juta", "\u221215 juta", "-250000", "1e999", "0x1F", "Rp", "juta", "IDR", "$$$",
        "15.00.000", "1,2,3", "999999999999999999999999999999", "15 juta - 20 juta 30", "Rp -5.000.000",
    ];

    private static readonly string[] Integer =
    [
        "-7", "100001", "1e3", "2.5", "1/2", "9223372036854775808", "0x10", "banyak", "beberapa", "10^6", "-0.5",
    ];

    private static readonly string[] YesNo = ["mungkin", "entahlah", "42", "3", "maybe later", "ya tapi tidak", "0"];

    private static readonly string[] Choice = ["0", "9", "10", "1.5", "99999999999999999999", "senjata nuklir", "1,2", "quantum computing"];

    private static readonly string[] Date =
    [
        "31-02-2025", "32/12/2025", "2025-13-01", "00-00-0000", "31 Smarch 2025", "9999999-12-31", "2025-12-31T25:99", "12345", "hari Senin", "30-02-2024",
    ];

    private static readonly string[] Nik =
    [
        "9999994507900001", "3578013213900001", "3578010000000001", "357801450790001", "35780145079000011", "35780145079000AB",
        "0000000000000000", "nik saya", "3578 0145 0790", "-3578014507900001", "1e16",
    ];

    private static readonly string[] Phone = ["08abc1234567", "0812-ABCD-EFGH", "123", "0812345678901234567890", "telepon", "+62", "0", "0812 3456 78ab", "1e12"];

    private static readonly string[] Province = ["Atlantis", "Narnia", "Kuala Lumpur", "12345", "provinsi ke-39", "Provinsi Antah Berantah", "Texas"];

    /// <summary>Free text (a name, 2 to 100 characters) takes almost anything; these it must not.</summary>
    private static readonly string[] FreeText =
    [
        "", "   ", "\u200B\u200D\uFEFF", "\u0001\u0007", "a", new string('n', 101), new string('n', 10_000), "/xyz", "/",
    ];

    /// <summary>Where each kind is asked: the dialog command and the answers that reach that question.</summary>
    private static readonly Dictionary<string, (string Step, string[] Path, string[] Bad)> Kinds = new(StringComparer.Ordinal)
    {
        ["yesno"] = ("citizen", ["/stimulus", "yes"], [.. Hostile, .. YesNo]),
        ["money"] = ("annual_sales", ["/stimulus", "yes", "yes"], [.. Hostile, .. Money]),
        ["integer"] = ("workers", ["/stimulus", "yes", "yes", "15 juta", "no", "20 juta", "Siti Aminah", "Warung Bu Siti", "1", "Jawa Barat", "2"], [.. Hostile, .. Integer]),
        ["choice"] = ("sector", ["/stimulus", "yes", "yes", "15 juta", "no", "20 juta", "Siti Aminah", "Warung Bu Siti"], [.. Hostile, .. Choice]),
        ["province"] = ("province", ["/stimulus", "yes", "yes", "15 juta", "no", "20 juta", "Siti Aminah", "Warung Bu Siti", "1"], [.. Hostile, .. Province]),
        ["text"] = ("name", ["/stimulus", "yes", "yes", "15 juta", "no", "20 juta"], FreeText),
        ["nik"] = ("nik", ["/pelatihan", "yes", "1", "Jawa Timur", "1", "1", "Siti Aminah", "Warung Bu Siti"], [.. Hostile, .. Nik]),
        ["phone"] = ("phone", ["/pelatihan", "yes", "1", "Jawa Timur", "1", "1", "Siti Aminah", "Warung Bu Siti", TrainingHost.Nik(1)], [.. Hostile, .. Phone]),
        ["date"] = ("founded", ["/berdiri"], [.. Hostile, .. Date]),
    };

    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds.Keys)
        {
            data.Add(kind, "id");
            data.Add(kind, "en");
        }

        return data;
    }

    /// <summary>The texts counted once, however many kinds they are tried at.</summary>
    private const int DistinctTexts = 128;

    [Fact]
    public void The_corpus_has_the_size_its_comment_says()
    {
        string[][] specific = [Money, Integer, YesNo, Choice, Date, Nik, Phone, Province, FreeText];
        var distinct = Hostile.Concat(specific.SelectMany(s => s)).Distinct(StringComparer.Ordinal).Count();

        Assert.Equal(49, Hostile.Length);
        Assert.Equal([14, 11, 7, 8, 10, 11, 9, 7, 9], specific.Select(s => s.Length));
        Assert.Equal(135, Hostile.Length + specific.Sum(s => s.Length));
        Assert.Equal(DistinctTexts, distinct);
    }

    private const string DateDialog = """
        id: founded
        version: 1
        languages: [id, en]
        title: { id: Berdiri, en: Founded }
        commands: [/berdiri]
        start: founded
        steps:
          founded:
            ask: { id: Kapan usaha Anda mulai?, en: When did your business start? }
            input: date
            save: profile.founded
            next: done
          done:
            end: { id: "Tercatat {founded}.", en: "Recorded {founded}." }
        """;

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public async Task Every_bad_text_is_asked_again_in_the_owners_language_and_nothing_is_stored(string kind, string language)
    {
        var (step, path, bad) = Kinds[kind];
        var catalog = TrainingCatalog.Parse("test.yaml", TrainingHost.OneProgramme);
        await using var fixture = await WriterFixture.StartAsync(_folder.DatabasePath, ShippedDialogs(), TrainingHost.Parts(catalog));
        const string Owner = "owner";

        if (language == "en")
        {
            await fixture.SendAsync(Owner, "/language en");
        }

        string question = string.Empty;
        foreach (var answer in path)
        {
            question = (await fixture.SendAsync(Owner, answer)).Reply!.Text;
        }

        Assert.Equal(step, Sql.Text(_folder.DatabasePath, "SELECT step_id FROM conversations WHERE status = 0"));
        question = question.Split("\n\n")[^1];
        var before = Snapshot(_folder.DatabasePath);
        var failures = new List<string>();

        foreach (var text in bad)
        {
            var reply = (await fixture.SendAsync(Owner, text)).Reply;
            var problem = reply is null ? "no reply" : Problem(language, text, reply.Text, question);
            var after = Snapshot(_folder.DatabasePath);
            if (problem is null && after != before)
            {
                problem = $"stored something:\n  before: {before}\n  after:  {after}";
            }

            if (problem is not null)
            {
                failures.Add($"[{Show(text)}] {problem}\n  reply: {Show(reply?.Text ?? string.Empty, 400)}");
                before = after;
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {bad.Length} at {kind} ({language}):\n" + string.Join("\n", failures));
    }

    /// <summary>What is wrong with a reply to a bad text, or null.</summary>
    internal static string? Problem(string language, string typed, string reply, string question)
    {
        if (reply.Length == 0)
        {
            return "empty reply";
        }

        string[] openings = language == "en"
            ? ["Sorry, ", "Your message ", "Please ", "This button "]
            : ["Maaf, ", "Pesan Anda ", "Mohon ", "Tombol ini "];
        if (!openings.Any(o => reply.StartsWith(o, StringComparison.Ordinal)))
        {
            return $"does not open as a {language} re-prompt";
        }

        // A re-prompt ends with the question itself, without the examples its first showing may add.
        var asked = reply.Split("\n\n")[^1];
        if (asked.Length < 10 || !question.StartsWith(asked, StringComparison.Ordinal))
        {
            return "does not end with the current question";
        }

        if (reply.Contains("Exception", StringComparison.Ordinal) || reply.Contains("   at ", StringComparison.Ordinal))
        {
            return "exception text";
        }

        // The owner's own words may be quoted back; anything else in braces is a placeholder left unfilled.
        var echo = typed.Trim();
        var withoutEcho = echo.Length == 0 ? reply : reply.Replace(echo[..Math.Min(40, echo.Length)], string.Empty, StringComparison.Ordinal);
        if (withoutEcho.Contains('{', StringComparison.Ordinal) || withoutEcho.Contains('}', StringComparison.Ordinal))
        {
            return "a placeholder left";
        }

        foreach (var c in reply)
        {
            if ((char.IsControl(c) && c != '\n') || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069')
            {
                return $"carries U+{(int)c:X4}";
            }
        }

        if (!IsWellFormed(reply))
        {
            return "carries a lone surrogate (a chat app refuses such text)";
        }

        return reply.Length > 4096 ? $"{reply.Length} characters, over a Telegram message" : null;
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Everything stored about the owner that a refused answer must leave alone.</summary>
    internal static string Snapshot(string databasePath) => string.Join(" | ",
        Sql.Text(databasePath, "SELECT group_concat(language) FROM users") ?? "-",
        Sql.Text(databasePath, "SELECT group_concat(dialog_id || ':' || step_id || ':' || status || ':' || history, ';') FROM (SELECT * FROM conversations ORDER BY id)") ?? "-",
        Sql.Text(databasePath, "SELECT group_concat(conversation_id || '.' || key || '=' || value, ';') FROM (SELECT * FROM answers ORDER BY conversation_id, key)") ?? "-",
        Sql.Text(databasePath, "SELECT group_concat(key || '=' || value, ';') FROM (SELECT * FROM profile_values ORDER BY key)") ?? "-");

    internal static string Show(string text, int limit = 60)
    {
        var shown = text.Length > limit ? text[..limit] + $"…({text.Length})" : text;
        var builder = new StringBuilder();
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format
                ? $"\\u{(int)c:X4}"
                : c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Every shipped dialog file (the fixture adds the programme rules, as the worker reads them) and the date question.</summary>
    internal static DialogSource[] ShippedDialogs()
    {
        var root = AssistantProcess.RepositoryRoot();
        var folder = Path.Combine(root, "dialogs");
        return
        [
            .. Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => new DialogSource(Path.GetRelativePath(root, f), File.ReadAllText(f))),
            new DialogSource("date-test.yaml", DateDialog),
        ];
    }
}
