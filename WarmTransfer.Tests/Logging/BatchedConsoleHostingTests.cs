using Microsoft.Extensions.Logging.Console;
using WarmTransfer.Grains.Logging;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Logging;

[Trait("Tier", Tier.Http)]
public sealed class BatchedConsoleHostingTests
{
    [Fact]
    public async Task The_web_host_logs_through_the_batched_console_unless_it_is_turned_off()
    {
        Assert.Equal([typeof(BatchedConsoleLoggerProvider)], await ConsoleProvidersAsync());
        Assert.Equal([typeof(ConsoleLoggerProvider)], await ConsoleProvidersAsync("--Logging:BatchedConsole:Enabled=false"));
    }

    private static async Task<Type[]> ConsoleProvidersAsync(params string[] args)
    {
        await using var app = Web.Hosting.WarmTransferApp.Create(["--environment=Production", $"--contentRoot={RepositoryPaths.WebProject}", .. args]);
        return [.. app.Services.GetServices<ILoggerProvider>().Select(p => p.GetType()).Where(t => t.Name.Contains("Console", StringComparison.Ordinal))];
    }
}
