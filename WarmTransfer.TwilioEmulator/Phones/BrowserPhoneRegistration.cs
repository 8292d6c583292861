namespace WarmTransfer.TwilioEmulator;

/// <summary>One registered browser: its client identity and every access token it registered or renewed with.</summary>
internal sealed class BrowserPhoneRegistration(string identity, string token)
{
    private readonly List<string> _tokens = [token];

    public string Identity { get; } = identity;

    public IReadOnlyList<string> Tokens
    {
        get
        {
            lock (_tokens)
            {
                return [.. _tokens];
            }
        }
    }

    public void Renew(string token)
    {
        lock (_tokens)
        {
            _tokens.Add(token);
        }
    }
}
