using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// One call leg as the conference grain keeps it. EndConferenceOnExit is what we want Twilio to apply; OnHold and
/// TwilioEndConferenceOnExit are what Twilio last reported (callback or REST answer), so a change is pending while they differ.
/// </summary>
[GenerateSerializer, Immutable, Alias("Participant")]
public sealed record Participant(
    [property: Id(0)] string CallSid,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] ParticipantState State,
    [property: Id(4)] bool OnHold,
    [property: Id(5)] bool EndConferenceOnExit,
    [property: Id(6)] CallStatus LastCallStatus,
    [property: Id(7)] int LastSequenceNumber)
{
    /// <summary>The flag Twilio last reported for this leg; null until it has said anything.</summary>
    [Id(8)] public bool? TwilioEndConferenceOnExit { get; init; }

    /// <summary>Twilio reported the leg's call over (a final status, or an agent leg leaving the conference).</summary>
    [Id(9)] public bool CallOver { get; init; }

    /// <summary>The agent's release waits for this leg's call to be really over: a browser still holding a call ignores the next one.</summary>
    [Id(10)] public AgentCallOutcome? ReleaseWhenOver { get; init; }

    /// <summary>Part of the call in our view (its end may still await Twilio's word: see <see cref="CallOver"/>).</summary>
    public bool IsLive => State < ParticipantState.Left;

    public bool HasAnswered => State >= ParticipantState.Connecting && State != ParticipantState.Failed;

    /// <summary>Joined, and Twilio has not yet confirmed the end-on-exit flag we want.</summary>
    public bool EndConferenceOnExitPending => State == ParticipantState.Joined && TwilioEndConferenceOnExit != EndConferenceOnExit;

    /// <summary>The leg is over: Left if it had answered, Failed if it never did.</summary>
    public Participant Ended() => IsLive
        ? this with { State = HasAnswered ? ParticipantState.Left : ParticipantState.Failed, OnHold = false }
        : this;

    public Participant Observed(bool hold, bool endConferenceOnExit) => this with { OnHold = hold, TwilioEndConferenceOnExit = endConferenceOnExit };

    public ParticipantView ToView(bool holdWanted) => new(CallSid, Role, AgentId, State, OnHold, EndConferenceOnExit)
    {
        ChangePending = IsLive && (EndConferenceOnExitPending || (State == ParticipantState.Joined && OnHold != holdWanted)),
        Live = IsLive,
    };
}
