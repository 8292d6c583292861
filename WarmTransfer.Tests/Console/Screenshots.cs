using Microsoft.Playwright;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Console;

/// <summary>Numbered screenshots of one test's steps, kept as artifacts in TestResults/screenshots/{test}.</summary>
public sealed class Screenshots(string test)
{
    private int _step;

    public string Folder { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots", test);

    public async Task TakeAsync(IPage page, string agentId, string step)
    {
        Directory.CreateDirectory(Folder);
        var name = $"{Interlocked.Increment(ref _step):00}-{agentId}-{step}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name), FullPage = true });
    }
}
