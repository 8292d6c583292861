namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// Orleans' membership clock (the keyed <see cref="TimeProviderNames.Membership"/> provider) with timestamps counted from
/// the silo's start instead of the machine's boot. Orleans 10.4.2's Watchdog.Start starts its platform thread before it
/// sets the component check's timestamp; when that thread's first check wins the race (likely on a busy machine, such as
/// a first build), it reads a timestamp of 0 and logs "Participant check thread has not completed for" the machine's
/// uptime. Counted from the silo's start, an unset timestamp reads as a few seconds: no false alarm. Only differences of
/// timestamps mean anything to a TimeProvider's users, so nothing else changes; the wall clock stays the system's.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = System.GetTimestamp() - 1;

    public override long GetTimestamp() => System.GetTimestamp() - _origin;
}
