using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Browsers registered as Voice SDK Devices: each registers with an access token for its client identity, then is told
/// of the calls ringing client:{identity} and of their end, and answers, rejects, mutes or hangs up its calls.
/// </summary>
public sealed class BrowserPhones
{
    private readonly ConcurrentDictionary<string, BrowserPhoneRegistration> _registrations = new();
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
        _registrations[id] = new BrowserPhoneRegistration(identity, token);
        return (id, identity, null);
    }

    /// <summary>A renewed token (Device.updateToken) must be for the same identity.</summary>
    public async Task<string?> RenewAsync(string registrationId, string token)
    {
        if (!_registrations.TryGetValue(registrationId, out var registered))
        {
            return "no such registration";
        }

        var (identity, refusal) = await _tokens.IdentityOfAsync(token);
        if (refusal is not null)
        {
            return refusal;
        }

        if (identity != registered.Identity)
        {
            return "the renewed token is for another identity";
        }

        registered.Renew(token);
        return null;
    }

    public bool Unregister(string registrationId) => _registrations.TryRemove(registrationId, out _);

    public string? IdentityOf(string registrationId) => _registrations.GetValueOrDefault(registrationId)?.Identity;

    /// <summary>Whether a browser is registered as this client identity now (so calls to client:{identity} ring it).</summary>
    public bool IsRegistered(string identity) => _registrations.Values.Any(r => r.Identity == identity);

    /// <summary>The access tokens the browsers registered as this identity registered and renewed with, in order.</summary>
    public IReadOnlyList<string> TokensOf(string identity) => [.. _registrations.Values.Where(r => r.Identity == identity).SelectMany(r => r.Tokens)];

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

    /// <summary>Carries the browser's answer, rejection, mute or hang-up to its call; false when the call is not this browser's or is past that.</summary>
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
                case BrowserPhoneAction.Mute or BrowserPhoneAction.Unmute when call.Status == FakeCallStatus.InProgress:
                    call.MicrophoneMuted = action == BrowserPhoneAction.Mute;
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
