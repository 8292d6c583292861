namespace WarmTransfer.TwilioEmulator;

/// <summary>What a registered browser phone learns: a call rings it (<c>incoming</c>) or a call it was offered ended (<c>ended</c>).</summary>
public sealed record BrowserPhoneEvent(string Type, string CallSid, string From, string To);
