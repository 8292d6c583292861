namespace WarmTransfer.Web.Sandbox;

/// <summary>Start-up refused to run the sandbox; the message says why in one line, and Program prints only that.</summary>
public sealed class SandboxRefusedException(string message) : Exception(message);
