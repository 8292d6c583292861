using System.ComponentModel.DataAnnotations;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Web.Accounts;

/// <summary>Configuration section "Agents": who may sign in.</summary>
public sealed class AgentAccountsOptions : IValidatableObject
{
    public const string Section = "Agents";

    public Dictionary<string, AgentAccount> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Development only: any valid agent id signs in with any password. Ignored outside the Development environment.</summary>
    public bool DevelopmentSignIn { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (agentId, account) in Accounts)
        {
            if (!AgentIdentity.IsValid(agentId))
            {
                yield return new ValidationResult($"{Section}:Accounts:{agentId} is not a valid agent id. {AgentIdentity.Rule}");
            }
            else if (!PasswordHashes.LooksLikeHash(account.PasswordHash))
            {
                yield return new ValidationResult(
                    $"{Section}:Accounts:{agentId}:PasswordHash is not a password hash. Print one with: dotnet run --project WarmTransfer.Web -- hash-password");
            }
        }
    }
}
