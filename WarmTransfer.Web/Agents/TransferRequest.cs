namespace WarmTransfer.Web.Agents;

/// <summary>Transfer to the agent named (any available agent when null).</summary>
public sealed record TransferRequest(string? To);
