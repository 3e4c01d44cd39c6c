using System.Collections.Frozen;
using YamlDotNet.RepresentationModel;

namespace ChatAssistant.Dialogs.Inputs;

/// <summary>
/// The owners' words the parsers know, read once from the embedded Data/vocabulary.yaml when first needed, so no
/// YAML is parsed on the message path. Words are stored folded (see <see cref="TextFold"/>); the yes/no words
/// also squeezed, since owners stretch them ("iyaaa").
/// </summary>
internal static class Vocabulary
{
    public const string VocabularyResource = "ChatAssistant.Dialogs.Inputs.Data.vocabulary.yaml";
    public const string RegenciesResource = "ChatAssistant.Dialogs.Inputs.Data.regencies.csv";

    private static readonly YamlMappingNode Root = Load();

    public static FrozenSet<string> Yes { get; } = SqueezedSet("yes_no", "yes");

    public static FrozenSet<string> No { get; } = SqueezedSet("yes_no", "no");

    public static FrozenSet<string> Affirm { get; } = SqueezedSet("yes_no", "affirm");

    public static FrozenSet<string> Particles { get; } = SqueezedSet("yes_no", "particles");

    public static FrozenSet<string> Approximate { get; } = Set("money", "approximate");

    public static FrozenSet<string> Zero { get; } = Set("money", "zero");

    public static FrozenSet<string> NoneAfterNo { get; } = Set("money", "none_after_no");

    public static FrozenSet<string> MoneyFiller { get; } = Set("money", "filler");

    public static FrozenSet<string> PlaceFiller { get; } = Set("places", "filler");

    public static FrozenSet<string> CountNouns { get; } = Set("counts", "nouns");

    public static FrozenSet<string> SelfOnly { get; } = Set("counts", "self");

    public static FrozenSet<string> ChoiceFiller { get; } = Set("choices", "filler");

    /// <summary>Option value → folded synonyms, shared by every dialog.</summary>
    public static FrozenDictionary<string, string[]> ChoiceSynonyms { get; } = Mapping("choices", "synonyms")
        .ToFrozenDictionary(
            pair => pair.Key,
            pair => ((YamlSequenceNode)pair.Value).Children.Select(Fold).Where(w => w.Length > 0).Distinct().ToArray(),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>Folded alias → the official regency, city or province name it stands for.</summary>
    public static FrozenDictionary<string, string> PlaceAliases { get; } = Mapping("places", "aliases")
        .ToFrozenDictionary(pair => TextFold.Key(pair.Key), pair => Scalar(pair.Value), StringComparer.Ordinal);

    public static string ReadResource(string name)
    {
        using var stream = typeof(Vocabulary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The engine was built without its resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(ReadResource(VocabularyResource)))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<KeyValuePair<string, YamlNode>> Mapping(string section, string list) =>
        ((YamlMappingNode)((YamlMappingNode)Root[section])[list]).Children
            .Select(pair => KeyValuePair.Create(Scalar(pair.Key), pair.Value));

    private static IEnumerable<string> Words(string section, string list) =>
        ((YamlSequenceNode)((YamlMappingNode)Root[section])[list]).Children.Select(Fold).Where(w => w.Length > 0);

    private static FrozenSet<string> Set(string section, string list) =>
        Words(section, list).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> SqueezedSet(string section, string list) =>
        Words(section, list).Select(TextFold.Squeeze).ToFrozenSet(StringComparer.Ordinal);

    private static string Fold(YamlNode node) => TextFold.Words(Scalar(node));

    private static string Scalar(YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw new InvalidOperationException($"vocabulary.yaml line {node.Start.Line}: a word was expected.");
}
