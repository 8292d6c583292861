using System.Net;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Twilio;
using Xunit.Abstractions;

namespace WarmTransfer.Tests.Security;

/// <summary>What a sender can make the server remember: signed callbacks, each with a new (and long) idempotency token.</summary>
[Collection(SlowClientCollection.Name)]
[Trait("Tier", Tier.Http)]
public sealed class MemoryAfterStormTests(SecuredHostFixture fixture, ITestOutputHelper output) : IClassFixture<SecuredHostFixture>
{
    private const int Callbacks = 3000;

    /// <summary>Before the fix each 8 KB token was kept for an hour: 3000 of them held about 50 MB.</summary>
    private const long AllowedGrowth = 16 * 1024 * 1024;

    [Fact]
    public async Task Signed_callbacks_with_new_long_tokens_leave_memory_where_it_was()
    {
        var guard = fixture.Host.Services.GetRequiredService<ReplayGuard>();
        using var client = fixture.Host.CreateClient();
        var webhooks = new SignedWebhooks(fixture.Host, client);
        var form = await fixture.StaleConferenceEventAsync();
        using (var warmUp = await webhooks.PostAsync($"/conference/{fixture.AliceConference}/events", form))
        {
            Assert.Equal(HttpStatusCode.NoContent, warmUp.StatusCode);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        await Parallel.ForAsync(0, Callbacks, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var token = $"{i:D6}-{Guid.NewGuid():N}".PadRight(8 * 1024, 't');
            using var response = await webhooks.PostAsync($"/conference/{fixture.AliceConference}/events", form, token);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        });
        var after = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"Managed heap {before / 1024 / 1024} MB before, {after / 1024 / 1024} MB after {Callbacks} callbacks; replay cache {guard.Count} tokens, {guard.Bytes / 1024} KB");
        Assert.InRange(guard.Bytes, 0, ReplayGuard.MaxBytes);
        Assert.True(after - before < AllowedGrowth, $"The managed heap grew by {(after - before) / 1024 / 1024} MB");
    }
}
