namespace WarmTransfer.Grains.Routing;

/// <summary>A browser session watching the presence of every agent.</summary>
[Alias("IRosterObserver")]
public interface IRosterObserver : IGrainObserver
{
    [OneWay, Alias("OnRosterChanged")]
    Task OnRosterChanged(RosterEntry entry);
}
