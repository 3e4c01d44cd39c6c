using System.Reflection;
using System.Text.Json;
using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Running;

namespace ChatAssistant.Dialogs.Tests.Loading;

/// <summary>
/// dialogs/dialog.schema.json, which editors use to complete and underline, must name exactly the keys the
/// reader accepts: a key added to the reader but not the schema would be underlined in every editor.
/// </summary>
public class DialogSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("dialogs", "dialog.schema.json"))).RootElement;

    private static string[] ReaderKeys(string field) =>
        (string[])typeof(DialogFileKeys).GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private static JsonElement Definition(string name) => Schema.GetProperty("definitions").GetProperty(name);

    private static IEnumerable<string> PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    [Fact]
    public void Is_draft_07_which_the_editors_YAML_extension_supports()
    {
        Assert.Equal("http://json-schema.org/draft-07/schema#", Schema.GetProperty("$schema").GetString());
    }

    [Theory]
    [InlineData("RootKeys", null)]
    [InlineData("SayKeys", "sayStep")]
    [InlineData("AskKeys", "askStep")]
    [InlineData("ComputeKeys", "computeStep")]
    [InlineData("ReviewKeys", "reviewStep")]
    [InlineData("CallKeys", "callStep")]
    [InlineData("EndKeys", "endStep")]
    [InlineData("ConditionKeys", "condition")]
    public void Names_exactly_the_keys_the_reader_accepts(string readerField, string? definition)
    {
        var schema = definition is null ? Schema : Definition(definition);

        Assert.Equal(ReaderKeys(readerField).Order(StringComparer.Ordinal), PropertyNames(schema).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Names_exactly_the_keys_of_next_rules_cases_options_and_review_lines()
    {
        var rule = Definition("next").GetProperty("oneOf")[1].GetProperty("items");
        var @case = Definition("computeStep").GetProperty("properties").GetProperty("cases").GetProperty("items");
        var option = Definition("option").GetProperty("oneOf")[1];
        var line = Definition("reviewStep").GetProperty("properties").GetProperty("keys").GetProperty("items");

        Assert.Equal(ReaderKeys("NextRuleKeys").Order(StringComparer.Ordinal), PropertyNames(rule).Order(StringComparer.Ordinal));
        Assert.Equal(ReaderKeys("CaseKeys").Order(StringComparer.Ordinal), PropertyNames(@case).Order(StringComparer.Ordinal));
        Assert.Equal(ReaderKeys("OptionKeys").Order(StringComparer.Ordinal), PropertyNames(option).Order(StringComparer.Ordinal));
        Assert.Equal(ReaderKeys("ReviewItemKeys").Order(StringComparer.Ordinal), PropertyNames(line).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lists_every_input_kind_and_language()
    {
        var inputs = Definition("input").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
        var languages = Definition("language").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

        Assert.Equal(ReaderKeys("InputNames"), inputs);
        Assert.Equal(Languages.All, languages);
    }

    [Fact]
    public void Every_step_kind_is_one_of_the_alternatives_of_a_step()
    {
        var kinds = Definition("step").GetProperty("oneOf").EnumerateArray()
            .Select(s => Definition(s.GetProperty("$ref").GetString()!.Split('/')[^1]).GetProperty("required")[0].GetString()!);

        Assert.Equal(ReaderKeys("StepKindKeys").Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Refuses_the_same_commands_the_loader_reserves()
    {
        var pattern = Definition("command").GetProperty("pattern").GetString()!;

        var reserved = (string[])typeof(SystemCommands).GetField("Reserved", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        Assert.Contains("/bantuan", reserved);
        Assert.All(reserved, command => Assert.DoesNotMatch(pattern, command));

        Assert.Matches(pattern, "/stimulus");
        Assert.Matches(pattern, "/startup");
    }

    [Fact]
    public void Every_shipped_dialog_points_the_editor_at_the_schema_on_its_first_line()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.Path("dialogs"), "*.yaml"))
        {
            Assert.Equal("# yaml-language-server: $schema=./dialog.schema.json", File.ReadLines(file).First());
        }
    }
}
