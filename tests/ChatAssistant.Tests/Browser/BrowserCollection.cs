namespace ChatAssistant.Tests.Browser;

/// <summary>
/// Every browser test class joins this collection (<c>[Collection(BrowserCollection.Name)]</c>) and takes
/// <see cref="HeadlessChromium"/> in its constructor: one Chromium for the whole run, started once, and browser
/// classes run one after another rather than several browsers at once on two shared cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<HeadlessChromium>
{
    public const string Name = "Headless Chromium";
}
