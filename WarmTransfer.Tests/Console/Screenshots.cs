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

    /// <summary>Several pages' views side by side in one picture (the README's), composed in a blank page of the browser.</summary>
    public async Task SideBySideAsync(IBrowser browser, string name, params IPage[] pages)
    {
        var images = new List<string>();
        foreach (var page in pages)
        {
            images.Add(Convert.ToBase64String(await page.ScreenshotAsync()));
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 400, Height = 300 } });
        var canvas = await context.NewPageAsync();
        await canvas.SetContentAsync(
            "<body style='margin:0;display:flex;gap:12px;align-items:flex-start;background:#d0d7de'>"
            + string.Concat(images.Select(image => $"<img src='data:image/png;base64,{image}'>")) + "</body>");
        Directory.CreateDirectory(Folder);
        await canvas.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
    }
}
