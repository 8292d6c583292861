namespace WarmTransfer.TwilioEmulator;

/// <summary>What a call hears right now, from its state and its conference's.</summary>
internal static class AudioMix
{
    public static Audio Of(FakeCall call)
    {
        if (!call.IsLive)
        {
            return Audio.Ended;
        }

        if (call.Status != FakeCallStatus.InProgress)
        {
            return Audio.Nothing;
        }

        if (call.Conference is not { } conference || conference.Participant(call.Sid) is not { } self)
        {
            return call.OwnAudio;
        }

        if (self.Hold)
        {
            return self.HoldAudio;
        }

        if (!conference.Started)
        {
            return conference.WaitAudio.GetValueOrDefault(call.Sid, Audio.WaitMusic);
        }

        return conference.Participants.Any(p => p != self && !p.Hold && !p.Call.MicrophoneMuted) ? Audio.Conversation : Audio.Silence;
    }
}
