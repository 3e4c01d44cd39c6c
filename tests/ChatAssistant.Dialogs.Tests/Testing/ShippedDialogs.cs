using ChatAssistant.Dialogs.Loading;
using ChatAssistant.Dialogs.Testing;
using ChatAssistant.Dialogs.Tests.Loading;

namespace ChatAssistant.Dialogs.Tests.Testing;

/// <summary>
/// The repository's <c>dialogs/</c> folder as <c>dialogs test</c> sees it: every dialog file loaded into one
/// catalog, and every conversation-test file of <c>dialogs/tests/</c> read. Paths are relative to the repository.
/// </summary>
internal static class ShippedDialogs
{
    private static readonly Lazy<DialogLoadResult> Loaded = new(() => DialogLoader.Load([.. Sources("dialogs"), Programmes()], channels: HostChannels.Limits));

    private static readonly Lazy<IReadOnlyList<ConversationTestReadResult>> Read =
        new(() => Sources(Path.Combine("dialogs", "tests")).Select(ConversationTestReader.Read).ToArray());

    public static DialogLoadResult Dialogs => Loaded.Value;

    public static IReadOnlyList<ConversationTestReadResult> TestFiles => Read.Value;

    public static ConversationTestFile TestFile(string path) =>
        TestFiles.Select(r => r.File).OfType<ConversationTestFile>().Single(f => f.Path == path);

    /// <summary>The programme rules the dialogs compare with and cite, read with them as the host reads them.</summary>
    private static DialogSource Programmes() => new(
        Path.Combine("dialogs", "data", "programmes.yaml").Replace('\\', '/'),
        File.ReadAllText(RepositoryFiles.Path("dialogs", "data", "programmes.yaml")));

    private static DialogSource[] Sources(string folder) => Directory
        .EnumerateFiles(RepositoryFiles.Path(folder), "*.*", SearchOption.TopDirectoryOnly)
        .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .Select(f => new DialogSource(Path.GetRelativePath(RepositoryFiles.Root, f).Replace('\\', '/'), File.ReadAllText(f)))
        .ToArray();
}
