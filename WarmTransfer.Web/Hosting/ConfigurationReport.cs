using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Web.Accounts;

namespace WarmTransfer.Web.Hosting;

/// <summary>Says plainly at start-up what is missing, so a server without Twilio credentials still starts and explains itself.</summary>
public sealed partial class ConfigurationReport(
    IOptions<TwilioOptions> twilio,
    IOptions<WarmTransferOptions> options,
    IOptions<AgentAccountsOptions> accounts,
    IHostEnvironment environment,
    ILogger<ConfigurationReport> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = twilio.Value.Missing(Enum.GetValues<TwilioKey>()).ToList();
        if (options.Value.PublicBaseUrl is null)
        {
            missing.Add($"{WarmTransferOptions.Section}:{nameof(WarmTransferOptions.PublicBaseUrl)}");
        }

        if (missing.Count > 0)
        {
            LogMissing(log, string.Join(", ", missing));
        }

        if (accounts.Value.DevelopmentSignIn && !environment.IsDevelopment())
        {
            LogDevelopmentSignInIgnored(log, environment.EnvironmentName);
        }
        else if (accounts.Value.Accounts.Count == 0 && !environment.IsDevelopment())
        {
            LogNoAgents(log);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio is not fully configured; calls will not work until these are set: {Missing}")]
    private static partial void LogMissing(ILogger logger, string missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agents:DevelopmentSignIn is ignored in the {Environment} environment")]
    private static partial void LogDevelopmentSignInIgnored(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No agent accounts are configured (Agents:Accounts); nobody can sign in")]
    private static partial void LogNoAgents(ILogger logger);
}
