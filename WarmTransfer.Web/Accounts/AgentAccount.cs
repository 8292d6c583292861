namespace WarmTransfer.Web.Accounts;

/// <summary>An agent's sign-in, from configuration: Agents:Accounts:{agentId}:PasswordHash.</summary>
public sealed class AgentAccount
{
    /// <summary>ASP.NET Core Identity's password hash (print one with: dotnet run --project WarmTransfer.Web -- hash-password).</summary>
    public string? PasswordHash { get; set; }
}
