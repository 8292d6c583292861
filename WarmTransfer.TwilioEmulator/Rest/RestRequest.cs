namespace WarmTransfer.TwilioEmulator;

/// <summary>A REST request the app's Twilio SDK made to the emulator, and the fault injected into it, if any.</summary>
public sealed record RestRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Form, bool Authenticated)
{
    public RestFault? Fault { get; init; }

    public string? Value(string key) => Form.LastOrDefault(p => p.Key == key).Value;

    public IReadOnlyList<string> Values(string key) => [.. Form.Where(p => p.Key == key).Select(p => p.Value)];
}
