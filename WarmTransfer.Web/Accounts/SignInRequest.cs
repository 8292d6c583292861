namespace WarmTransfer.Web.Accounts;

public sealed record SignInRequest(string? AgentId, string? Password);
