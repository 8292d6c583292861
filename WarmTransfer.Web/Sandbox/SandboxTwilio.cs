using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Web.Sandbox;

/// <summary>The Twilio emulator this host runs in sandbox mode, and the public address it is told the host has.</summary>
public sealed class SandboxTwilio(FakeTwilio twilio) : IAsyncDisposable
{
    /// <summary>WarmTransfer:PublicBaseUrl in the sandbox: never resolvable (RFC 2606), the emulator tunnels it to the host, as ngrok would.</summary>
    public static readonly Uri PublicBaseUrl = new("https://sandbox.warmtransfer.invalid");

    public FakeTwilio Twilio { get; } = twilio;

    public ValueTask DisposeAsync() => Twilio.DisposeAsync();
}
