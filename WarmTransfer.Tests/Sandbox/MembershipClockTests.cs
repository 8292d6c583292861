using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Sandbox;

[Trait("Tier", Tier.Browser)]
public sealed class MembershipClockTests
{
    /// <summary>
    /// Orleans' watchdog reads a timestamp it has not set yet as 0 when its threads race at start-up: with the system clock
    /// that reads as the machine's uptime ("Participant check thread has not completed for 02:49:18"), with ours as the
    /// seconds since the silo started.
    /// </summary>
    [Fact]
    public async Task A_timestamp_never_set_reads_as_the_time_since_the_silo_started_not_since_the_machine_booted()
    {
        await using var host = await TestWebHost.StartAsync();

        var membership = host.Services.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership);

        Assert.InRange(membership.GetElapsedTime(0), TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.Equal(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), membership.GetUtcNow().ToUnixTimeSeconds(), tolerance: 2);
    }
}
