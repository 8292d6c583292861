using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>Calls ringing agents' browsers: Twilio's ring timeout, and the Voice JS SDK ignoring invites while busy.</summary>
[Trait("Tier", Tier.Http)]
public sealed class RingingTests : EmulatorTest
{
    [Fact]
    public async Task An_unanswered_call_ends_no_answer_when_its_timeout_runs_out()
    {
        Twilio.RingTimeScale = 0.05;
        await DialAsync("sleepy", timeout: 10);
        await DialAsync("default_timeout");
        var ringing = Twilio.CallsTo("sleepy").Single();
        var unset = Twilio.CallsTo("default_timeout").Single();

        await Twilio.WaitUntilAsync(() => !ringing.IsLive, "the ring timeout (10 s, scaled to 0.5 s)", TimeSpan.FromSeconds(5));

        Assert.Equal(FakeCallStatus.NoAnswer, Twilio.Read(() => ringing.Status));
        Assert.Equal("no-answer", App.Events("/status").Last(f => f["To"] == "client:sleepy")["CallStatus"]);
        Assert.Equal((TimeSpan.FromSeconds(60), FakeCallStatus.Ringing), Twilio.Read(() => (unset.RingTimeout, unset.Status)));
    }

    [Fact]
    public async Task A_busy_browser_ignores_a_new_invite_which_rings_out_unseen()
    {
        Twilio.RingTimeScale = 0.2;
        App.Twiml["/agent"] = "<Response><Play loop=\"0\">http://music.test/a.mp3</Play></Response>";
        Twilio.AllowIncomingWhileBusy("bob");
        foreach (var identity in new[] { "alice", "bob" })
        {
            await DialAsync(identity);
            Twilio.Answer(await Twilio.RingingAsync(identity));
        }

        await DialAsync("alice", timeout: 10);
        await DialAsync("bob", timeout: 10);
        var offeredToBob = await Twilio.RingingAsync("bob");
        var ignored = Twilio.CallsTo("alice").Last();

        await Assert.ThrowsAsync<TimeoutException>(() => Twilio.RingingAsync("alice", TimeSpan.FromMilliseconds(200)));
        var stillRinging = Twilio.Read(() => ignored.Status);
        await Twilio.WaitUntilAsync(() => !ignored.IsLive, "the ignored call to ring out (10 s, scaled to 2 s)", TimeSpan.FromSeconds(8));

        Assert.Equal(FakeCallStatus.Ringing, stillRinging);
        Assert.True(Twilio.Read(() => ignored.IgnoredByBusyDevice));
        Assert.False(Twilio.Read(() => offeredToBob.IgnoredByBusyDevice));
        Assert.Equal(FakeCallStatus.NoAnswer, Twilio.Read(() => ignored.Status));
        Assert.Equal(FakeCallStatus.InProgress, Twilio.Read(() => Twilio.CallsTo("alice")[0].Status));
    }
}
