namespace WarmTransfer.Grains.Conferences;

/// <summary>Why an agent's command on a conference was refused, or Accepted.</summary>
[GenerateSerializer, Alias("CommandOutcome")]
public enum CommandOutcome
{
    Accepted = 0,

    /// <summary>The agent has no part in this conference.</summary>
    NotYourCall = 1,

    /// <summary>The command does not fit the conference's phase (e.g. complete before the target answered).</summary>
    WrongPhase = 2,

    /// <summary>The transfer target cannot take a call now.</summary>
    TargetUnavailable = 3,

    /// <summary>The request itself makes no sense (e.g. transfer to oneself).</summary>
    Invalid = 4,

    /// <summary>Twilio refused the change the command needed, or could not be reached; nothing that would endanger the caller was done.</summary>
    TelephonyFailed = 5,
}
