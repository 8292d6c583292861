namespace WarmTransfer.Grains.Conferences;

/// <summary>Twilio's StatusCallbackEvent values for conferences that we act on.</summary>
[GenerateSerializer, Alias("ConferenceEventKind")]
public enum ConferenceEventKind
{
    Other = 0,
    ConferenceStart = 1,
    ConferenceEnd = 2,
    ParticipantJoin = 3,
    ParticipantLeave = 4,
    ParticipantHold = 5,
    ParticipantUnhold = 6,
    ParticipantModify = 7,
}
