namespace WarmTransfer.Web.Agents;

public sealed record HoldRequest(bool Hold);
