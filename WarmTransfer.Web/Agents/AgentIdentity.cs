using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace WarmTransfer.Web.Agents;

/// <summary>Agent ids are Twilio Voice client identities: letters, digits and underscore.</summary>
public static partial class AgentIdentity
{
    public const int MaxLength = 121;

    public const string Rule = "An agent id is 1 to 121 letters, digits or underscores (a Twilio Voice client identity).";

    public static bool IsValid([NotNullWhen(true)] string? agentId) => agentId is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(agentId);

    // \z, not $: in .NET "$" also matches before a final "\n", so "alice\n" would pass.
    [GeneratedRegex(@"\A[A-Za-z0-9_]+\z")]
    private static partial Regex Pattern();
}
