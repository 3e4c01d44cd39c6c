using Microsoft.Playwright;

namespace ChatAssistant.Tests.Browser;

/// <summary>
/// Where browser tests leave their screenshots: <c>$CHATASSISTANT_SCREENSHOTS</c> (which <c>.ci/run</c> sets to
/// TestResults/screenshots at the repository's top, kept after the run), else a screenshots folder beside the test
/// assembly. One subfolder per test class, one PNG per named step, overwritten by the next run.
/// </summary>
internal static class Screenshots
{
    public const string FolderVariable = "CHATASSISTANT_SCREENSHOTS";

    public static string Folder
    {
        get
        {
            var named = Environment.GetEnvironmentVariable(FolderVariable);
            return string.IsNullOrWhiteSpace(named) ? Path.Combine(AppContext.BaseDirectory, "screenshots") : Path.GetFullPath(named);
        }
    }

    /// <summary>Saves the whole page as {Folder}/{testClass}/{step}.png and returns the file's path.</summary>
    public static async Task<string> SaveAsync(IPage page, string testClass, string step)
    {
        var folder = Path.Combine(Folder, testClass);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, step + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
