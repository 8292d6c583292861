namespace WarmTransfer.Web.Agents;

/// <summary>A Voice SDK access token for one agent, as the console receives it.</summary>
public sealed record IssuedToken(string Token, string AgentId, DateTimeOffset ExpiresAt);
