using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Configuration;
using Microsoft.Extensions.Logging.Console;

namespace WarmTransfer.Grains.Logging;

public static class BatchedConsoleLogging
{
    /// <summary>
    /// Replaces Microsoft's console logger with <see cref="BatchedConsoleLoggerProvider"/>, unless Logging:BatchedConsole:Enabled
    /// is false. Microsoft's formats and writes each line under one lock, line by line: about a fifth of a busy server's CPU.
    /// </summary>
    public static IHostApplicationBuilder AddBatchedConsoleLogging(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BatchedConsoleOptions.Section).Get<BatchedConsoleOptions>() ?? new BatchedConsoleOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        foreach (var console in builder.Services.Where(s => s.ServiceType == typeof(ILoggerProvider) && s.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            builder.Services.Remove(console);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        LoggerProviderOptions.RegisterProviderOptions<BatchedConsoleOptions, BatchedConsoleLoggerProvider>(builder.Services);
        return builder;
    }
}
