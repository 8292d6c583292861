namespace WarmTransfer.Web.Hosting;

/// <summary>Endpoint metadata naming a gate (a singleton service) the request must pass before the endpoint runs.</summary>
public sealed record RequestGateMetadata(Type GateType);
