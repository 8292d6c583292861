using System.Collections.Concurrent;

namespace WarmTransfer.TwilioEmulator;

/// <summary>How the emulated network's clock and browsers are set up by the test.</summary>
internal sealed class NetworkSettings
{
    private readonly ConcurrentDictionary<string, bool> _allowIncomingWhileBusy = new();

    /// <summary>Ring timeouts last Timeout seconds times this (1: real seconds).</summary>
    public double RingTimeScale { get; set; } = 1;

    /// <summary>Told of every call that starts ringing a browser, under the network's lock.</summary>
    public Action<FakeCall>? BrowserRinging { get; set; }

    public bool AllowsIncomingWhileBusy(string identity) => _allowIncomingWhileBusy.GetValueOrDefault(identity);

    public void AllowIncomingWhileBusy(string identity, bool allow) => _allowIncomingWhileBusy[identity] = allow;
}
