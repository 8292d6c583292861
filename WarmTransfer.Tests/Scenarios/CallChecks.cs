using WarmTransfer.Grains.Conferences;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>
/// The end-to-end invariants of a call, checked against the emulator (what Twilio did) and the grains (what we believe)
/// once the call has settled: the pure ones are <see cref="ConferenceInvariants"/>.
/// </summary>
public static class CallChecks
{
    /// <summary>
    /// Waits for the call to settle, then: nothing Twilio would hold against us; a live caller hears an agent or music;
    /// our view of every live leg's hold and end-on-exit flag is Twilio's, with nothing pending; the conference's own
    /// invariants hold; an ended call has every leg down and every agent free.
    /// </summary>
    public static async Task SettledAsync(CallCenter center, FakeCall caller, params string[] agents)
    {
        var twilio = center.Twilio;
        await twilio.QuietAsync();
        await Eventually.Until(async () => Mismatches(twilio, caller, await center.ConferenceAsync(caller.Sid)), m => m.Count == 0,
            $"our view of conference {caller.Sid} to match Twilio's", TimeSpan.FromSeconds(20));
        Assert.Empty(twilio.Violations);
        var view = await center.ConferenceAsync(caller.Sid);
        var hearing = twilio.Read(() => caller.Hearing);
        if (caller.IsLive)
        {
            Assert.True(hearing is Audio.Conversation or Audio.WaitMusic or Audio.HoldMusic, $"the caller hears {hearing} in phase {view.Phase}");
            return;
        }

        Assert.Equal(ConferencePhase.Ended, view.Phase);
        await twilio.WaitUntilAsync(() => twilio.Calls.Where(c => agents.Contains(c.ClientIdentity)).All(c => !c.IsLive), "every agent leg to be down");
        foreach (var agent in agents)
        {
            await Eventually.Until(() => center.AgentViewAsync(agent), v => v.CurrentConferenceId != caller.Sid, $"agent {agent} to be free of {caller.Sid}");
        }
    }

    /// <summary>The caller heard an agent or music throughout, apart from the moments TwiML was being fetched.</summary>
    public static void NeverInSilence(CallCenter center, FakeCall caller)
    {
        var heard = center.Twilio.Read(() => caller.Heard.Select(h => h.Audio).ToList());
        Assert.True(!heard.Contains(Audio.Silence), $"the caller heard silence: {string.Join(", ", heard)}");
    }

    private static List<string> Mismatches(FakeTwilio twilio, FakeCall caller, ConferenceView view)
    {
        var mismatches = new List<string>();
        var twilioLegs = twilio.Read(() => twilio.Conference(caller.Sid) is { Ended: false } conference
            ? conference.Participants.Select(p => (p.Call.Sid, p.Hold, p.EndConferenceOnExit)).ToList()
            : []);
        foreach (var (callSid, hold, endConferenceOnExit) in twilioLegs)
        {
            if (view.Participants.FirstOrDefault(p => p.CallSid == callSid) is not { } ours)
            {
                mismatches.Add($"{callSid} is in Twilio's conference but unknown to us");
            }
            else if (ours.OnHold != hold || ours.EndConferenceOnExit != endConferenceOnExit || ours.ChangePending)
            {
                mismatches.Add($"{callSid}: Twilio hold {hold} end-on-exit {endConferenceOnExit}, ours {ours.OnHold} {ours.EndConferenceOnExit} pending {ours.ChangePending}");
            }
        }

        foreach (var ours in view.Participants.Where(p => p.State == ParticipantState.Joined && twilioLegs.All(t => t.Sid != p.CallSid)))
        {
            mismatches.Add($"{ours.CallSid} is joined in our view but not in Twilio's conference");
        }

        return mismatches;
    }
}
