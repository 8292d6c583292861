namespace WarmTransfer.Web.Accounts;

/// <summary>
/// Once Kestrel listens: refuses to run with development sign-in on a non-loopback address (the start fails with the
/// reason), and warns in the log whenever development sign-in is on.
/// </summary>
public sealed partial class DevelopmentSignInGuard(DevelopmentSignIn developmentSignIn, ILogger<DevelopmentSignInGuard> log) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!developmentSignIn.IsWanted)
        {
            return Task.CompletedTask;
        }

        var exposed = developmentSignIn.NonLoopbackAddresses();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"{AgentAccountsOptions.Section}:{nameof(AgentAccountsOptions.DevelopmentSignIn)} lets any password sign in, and this host listens on " +
                $"{string.Join(", ", exposed)}, which other machines can reach. Listen on 127.0.0.1/localhost only, or run in Production " +
                "(a published build with ASPNETCORE_ENVIRONMENT=Production) with Agents:Accounts.");
        }

        LogDevelopmentSignInOn(log);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DEVELOPMENT SIGN-IN IS ON: any agent id signs in with any password. Never run this way where others can reach the server.")]
    private static partial void LogDevelopmentSignInOn(ILogger log);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
