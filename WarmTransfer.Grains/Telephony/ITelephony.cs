using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Grains.Telephony;

/// <summary>The calls the grains make to the telephone network. Failures surface as <see cref="TelephonyException"/>.</summary>
public interface ITelephony
{
    /// <summary>Rings an agent's browser; when answered, the leg asks our connect route how to join the conference. Returns the leg's CallSid.</summary>
    Task<string> DialAgentAsync(string conferenceId, string agentId);

    /// <summary>
    /// The CallSid of a call to the agent's browser created at or after <paramref name="createdSince"/>, if Twilio has one: whether
    /// a dial whose answer was lost with its silo was placed after all.
    /// </summary>
    Task<string?> FindAgentCallAsync(string agentId, DateTimeOffset createdSince);

    /// <summary>Ends a leg whether it is still ringing or already answered.</summary>
    Task HangUpAsync(string callSid);

    /// <summary>Returns the participant as Twilio shows it after the update.</summary>
    Task<ParticipantSnapshot> SetHoldAsync(string conferenceSid, string callSid, bool hold);

    /// <summary>Returns the participant as Twilio shows it after the update.</summary>
    Task<ParticipantSnapshot> SetEndConferenceOnExitAsync(string conferenceSid, string callSid, bool endConferenceOnExit);

    /// <summary>What Twilio says a call's status is now (for a leg whose callbacks went missing); null if Twilio does not know the call.</summary>
    Task<CallStatus?> FetchCallStatusAsync(string callSid);

    /// <summary>The ConferenceSid of the live conference with this friendly name, if Twilio has one.</summary>
    Task<string?> FindConferenceSidAsync(string friendlyName);

    /// <summary>The participants in the conference now; null if Twilio has no live conference with this ConferenceSid.</summary>
    Task<IReadOnlyList<ParticipantSnapshot>?> ListParticipantsAsync(string conferenceSid);
}
