using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Web.Sandbox;

/// <summary>One simulated caller as the caller's page shows it: what they hear right now and where their call stands.</summary>
public sealed record CallerView(
    string CallSid,
    string From,
    string Status,
    ConferencePhase? Phase,
    string Hearing,
    IReadOnlyList<string> TalkingWith,
    bool OnHold,
    bool CanHangUp,
    DateTimeOffset Started);
