namespace WarmTransfer.Grains.Conferences;

/// <summary>Why a call leg is in a conference.</summary>
[GenerateSerializer, Alias("ParticipantRole")]
public enum ParticipantRole
{
    Caller = 0,

    /// <summary>The agent who has (or is being offered) the caller.</summary>
    HandlingAgent = 1,

    /// <summary>The agent a transfer is dialling in.</summary>
    TransferTarget = 2,

    /// <summary>An agent who handed the call on.</summary>
    FormerAgent = 3,
}
