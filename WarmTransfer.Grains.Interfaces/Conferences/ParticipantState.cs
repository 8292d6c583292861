namespace WarmTransfer.Grains.Conferences;

/// <summary>A call leg's progress; only ever moves forward.</summary>
[GenerateSerializer, Alias("ParticipantState")]
public enum ParticipantState
{
    Dialing = 0,
    Ringing = 1,

    /// <summary>Answered, joining the conference.</summary>
    Connecting = 2,
    Joined = 3,
    Left = 4,

    /// <summary>Never answered: busy, no answer, failed or cancelled.</summary>
    Failed = 5,
}
