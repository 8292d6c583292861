using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Browsers registered as Voice SDK Devices: each registers with an access token for its client identity, then is told
/// of the calls ringing client:{identity} and of their end, and answers, rejects or hangs up its calls.
/// </summary>
public sealed class BrowserPhones
{
    private readonly ConcurrentDictionary<string, string> _identities = new();
    private readonly AccessTokenCheck _tokens;
    private readonly TelephoneNetwork _network;

    internal BrowserPhones(AccessTokenCheck tokens, TelephoneNetwork network)
    {
        _tokens = tokens;
        _network = network;
    }

    /// <summary>Registers a browser: returns its registration id (a secret, like the Device's signalling connection), or why not.</summary>
    public async Task<(string? RegistrationId, string? Identity, string? Refusal)> RegisterAsync(string token)
    {
        var (identity, refusal) = await _tokens.IdentityOfAsync(token);
        if (identity is null)
        {
            return (null, null, refusal);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _identities[id] = identity;
        return (id, identity, null);
    }

    /// <summary>A renewed token (Device.updateToken) must be for the same identity.</summary>
    public async Task<string?> RenewAsync(string registrationId, string token)
    {
        if (!_identities.TryGetValue(registrationId, out var registered))
        {
            return "no such registration";
        }

        var (identity, refusal) = await _tokens.IdentityOfAsync(token);
        return refusal ?? (identity == registered ? null : "the renewed token is for another identity");
    }

    public bool Unregister(string registrationId) => _identities.TryRemove(registrationId, out _);

    public string? IdentityOf(string registrationId) => _identities.GetValueOrDefault(registrationId);

    /// <summary>The calls ringing this registration's identity and the end of those it was shown, until it unregisters.</summary>
    public async IAsyncEnumerable<BrowserPhoneEvent> FollowAsync(string registrationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shown = new HashSet<string>();
        while (!cancellationToken.IsCancellationRequested && IdentityOf(registrationId) is { } identity)
        {
            var changed = _network.NextChange;
            var events = _network.Read((calls, _) => calls
                .Where(call => call.ClientIdentity == identity)
                .Select(call => Observe(call, shown))
                .OfType<BrowserPhoneEvent>()
                .ToList());
            foreach (var change in events)
            {
                yield return change;
            }

            // A change, or a look now and then (an unregistration changes no call).
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        }
    }

    /// <summary>Carries the browser's answer, rejection or hang-up to its call; false when the call is not this browser's or is past that.</summary>
    public bool Act(string registrationId, string callSid, BrowserPhoneAction action)
    {
        var identity = IdentityOf(registrationId);
        return identity is not null && _network.Change(() =>
        {
            if (_network.Call(callSid) is not { } call || call.ClientIdentity != identity)
            {
                return false;
            }

            switch (action)
            {
                case BrowserPhoneAction.Accept when call.Status == FakeCallStatus.Ringing:
                    _network.Answer(call);
                    return true;
                case BrowserPhoneAction.Reject when call.Status == FakeCallStatus.Ringing:
                    // The Voice SDK's Call.reject() (https://www.twilio.com/docs/voice/sdks/javascript/twiliocall). Assumption: Twilio then
                    // reports the call busy, as FakeTwilio.Reject does; no Twilio document gives the status a rejected client call ends with.
                    _network.EndByParty(call, FakeCallStatus.Busy);
                    return true;
                case BrowserPhoneAction.HangUp when call.IsLive:
                    _network.EndByParty(call, FakeCallStatus.Completed);
                    return true;
                default:
                    return false;
            }
        });
    }

    private static BrowserPhoneEvent? Observe(FakeCall call, HashSet<string> shown)
    {
        if (call.Status == FakeCallStatus.Ringing && !call.IgnoredByBusyDevice && shown.Add(call.Sid))
        {
            return new BrowserPhoneEvent("incoming", call.Sid, call.From, call.To);
        }

        return !call.IsLive && shown.Remove(call.Sid) ? new BrowserPhoneEvent("ended", call.Sid, call.From, call.To) : null;
    }
}
