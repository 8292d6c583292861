using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WarmTransfer.Grains.Logging;

/// <summary>The console log sink (see <see cref="BatchedConsoleWriter"/>); its levels are configured under Logging:BatchedConsole.</summary>
[ProviderAlias("BatchedConsole")]
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly IOptionsMonitor<BatchedConsoleOptions> _options;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<BatchedConsoleOptions> options)
        : this(options, Console.OpenStandardOutput())
    {
    }

    public BatchedConsoleLoggerProvider(IOptionsMonitor<BatchedConsoleOptions> options, Stream output)
    {
        _options = options;
        Writer = new BatchedConsoleWriter(output, options.CurrentValue.QueueLength, () => options.CurrentValue);
    }

    public BatchedConsoleWriter Writer { get; }

    internal BatchedConsoleOptions Options => _options.CurrentValue;

    internal IExternalScopeProvider Scopes { get; private set; } = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new BatchedConsoleLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

    public void Dispose() => Writer.Dispose();
}
