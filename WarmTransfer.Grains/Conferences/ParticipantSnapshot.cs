namespace WarmTransfer.Grains.Conferences;

/// <summary>A conference participant as Twilio's REST API shows it.</summary>
public sealed record ParticipantSnapshot(string CallSid, bool Hold, bool EndConferenceOnExit);
