using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Web.Sandbox;

/// <summary>The simulated callers: dials in like a caller ringing our Twilio number, hangs up, and says what each one hears.</summary>
public sealed class SandboxCallers(SandboxTwilio sandbox, IGrainFactory grains, IOptionsMonitor<WarmTransferOptions> options)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private FakeTwilio Twilio => sandbox.Twilio;

    /// <summary>As a number configured per the README: voice webhook and call status callback on our public URL.</summary>
    public FakeCall DialIn(string from) => Twilio.DialIn(
        new Uri(SandboxTwilio.PublicBaseUrl, "/conference/connect/client"),
        from,
        statusCallback: new Uri(SandboxTwilio.PublicBaseUrl, "/conference/caller/status"));

    public bool HangUp(string callSid)
    {
        var call = Callers().FirstOrDefault(c => c.Sid == callSid);
        if (call is null || !Twilio.Read(() => call.IsLive))
        {
            return false;
        }

        Twilio.HangUp(call);
        return true;
    }

    public FakeCall? Find(string callSid) => Callers().FirstOrDefault(c => c.Sid == callSid);

    public async Task<IReadOnlyList<CallerView>> ListAsync()
    {
        var views = new List<CallerView>();
        foreach (var call in Callers())
        {
            var phase = await PhaseAsync(call.Sid);
            views.Add(Twilio.Read(() => View(call, phase)));
        }

        return views;
    }

    /// <summary>The list whenever it changes (looked at on every change of the emulated network, and every second for the grains).</summary>
    public async IAsyncEnumerable<IReadOnlyList<CallerView>> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = Twilio.NextChange;
            var views = await ListAsync();
            var json = JsonSerializer.Serialize(views);
            if (json != last)
            {
                last = json;
                yield return views;
            }

            await Task.WhenAny(changed, Task.Delay(Refresh, cancellationToken));
        }
    }

    private IEnumerable<FakeCall> Callers() => Twilio.Calls.Where(c => c.Direction == "inbound").OrderBy(c => c.Created);

    private async Task<ConferencePhase?> PhaseAsync(string callSid)
    {
        try
        {
            // Our conference is named by the caller's CallSid.
            var phase = (await grains.GetGrain<IConferenceGrain>(callSid).GetAsync()).Phase;
            return phase == ConferencePhase.None ? null : phase;
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return null;
        }
    }

    private CallerView View(FakeCall call, ConferencePhase? phase)
    {
        var conference = call.Conference;
        var self = conference?.Participant(call.Sid);
        var talkingWith = call.Hearing == Audio.Conversation && conference is not null
            ? conference.Participants.Where(p => p != self && !p.Hold).Select(p => p.Call.ClientIdentity ?? p.Call.To).ToList()
            : [];
        var hearing = call.Hearing switch
        {
            Audio.Nothing => "Ringing…",
            Audio.Message => $"The greeting: “{options.CurrentValue.WaitMessage}”",
            Audio.WaitMusic => "Wait music, until an agent answers",
            Audio.HoldMusic => "Hold music: you are on hold",
            Audio.Conversation => $"Talking with {string.Join(" and ", talkingWith)}",
            Audio.Silence => "Silence",
            _ => "Nothing: the call has ended",
        };
        return new CallerView(call.Sid, call.From, call.Status, phase, hearing, talkingWith, self?.Hold ?? false, call.IsLive, call.Created);
    }
}
