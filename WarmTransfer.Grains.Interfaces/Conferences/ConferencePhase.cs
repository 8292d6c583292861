namespace WarmTransfer.Grains.Conferences;

/// <summary>Where a conference is in its life: queued → offering → connected → transferring → consulting/three-way → connected … → ended.</summary>
[GenerateSerializer, Alias("ConferencePhase")]
public enum ConferencePhase
{
    /// <summary>No caller has arrived under this id.</summary>
    None = 0,

    /// <summary>The caller waits on hold music for an available agent.</summary>
    Queued = 1,

    /// <summary>An agent is being rung for the caller.</summary>
    Offering = 2,

    /// <summary>The caller talks to the handling agent.</summary>
    Connected = 3,

    /// <summary>The caller is on hold while a transfer target is rung.</summary>
    Transferring = 4,

    /// <summary>The transfer target answered; transferer and target talk while the caller is on hold.</summary>
    Consulting = 5,

    /// <summary>Caller, transferer and target all talk.</summary>
    ThreeWay = 6,

    /// <summary>The call is over.</summary>
    Ended = 7,
}
