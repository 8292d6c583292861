using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace WarmTransfer.Web.Accounts;

/// <summary>
/// Any password signs in: only in the Development environment, with Agents:DevelopmentSignIn, and only while every
/// address the host listens on is loopback — a developer's machine, never a reachable server.
/// </summary>
public sealed class DevelopmentSignIn(IHostEnvironment environment, IOptionsMonitor<AgentAccountsOptions> accounts, IServer server)
{
    public bool IsWanted => environment.IsDevelopment() && accounts.CurrentValue.DevelopmentSignIn;

    public bool IsOn => IsWanted && NonLoopbackAddresses().Count == 0;

    /// <summary>The addresses Kestrel listens on that other machines may reach (empty before it starts).</summary>
    public IReadOnlyList<string> NonLoopbackAddresses() =>
        [.. (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(address => !IsLoopback(address))];

    public static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
