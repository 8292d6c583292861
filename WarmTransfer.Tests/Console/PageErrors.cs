using Microsoft.Playwright;

namespace WarmTransfer.Tests.Console;

/// <summary>What a page logged as an error or threw, each with where it came from.</summary>
public sealed class PageErrors
{
    private readonly List<string> _errors = [];

    public PageErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Add(error);
    }

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public override string ToString() => string.Join("\n", All);

    private void Add(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
