namespace WarmTransfer.Grains.Hosting;

/// <summary>A grain that <see cref="DueChecks"/> wakes when a check it listed is due.</summary>
[Alias("IDueCheck")]
public interface IDueCheck : IGrainWithStringKey
{
    /// <summary>A check this grain listed is due; the grain lists itself again if it still wants checking.</summary>
    [OneWay, Alias("CheckDueAsync")]
    Task CheckDueAsync();
}
