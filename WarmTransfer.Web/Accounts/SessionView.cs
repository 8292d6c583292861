namespace WarmTransfer.Web.Accounts;

/// <summary>Who is signed in, and the CSRF token to send with every change (X-CSRF-TOKEN).</summary>
public sealed record SessionView(bool SignedIn, string? AgentId, string CsrfToken);
