using Orleans.Storage;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

[Trait("Tier", Tier.Grains)]
public sealed class InProcessGrainStorageTests
{
    private static readonly GrainId Conference = GrainId.Create("conference", "CA0123");

    private readonly InProcessGrainStorage _storage = StoredState.InProcess();

    [Fact]
    public async Task Nothing_stored_reads_as_a_new_state_without_an_etag()
    {
        var read = await ReadAsync();

        Assert.Equal(ConferencePhase.None, read.State!.Phase);
        Assert.Null(read.State!.ConferenceSid);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_equal_but_not_the_same_object()
    {
        var written = new GrainState<ConferenceState>(new ConferenceState { ConferenceSid = "CF1", Phase = ConferencePhase.Queued });
        await _storage.WriteStateAsync("conference", Conference, written);

        var read = await ReadAsync();

        Assert.Equal((ConferencePhase.Queued, "CF1"), (read.State!.Phase, read.State!.ConferenceSid));
        Assert.NotSame(written.State, read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.NotNull(read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task A_write_from_a_stale_read_is_refused_and_the_newer_state_kept()
    {
        var first = await ReadAsync();
        var second = await ReadAsync();
        first.State = new ConferenceState { ConferenceSid = "CF-first" };
        await _storage.WriteStateAsync("conference", Conference, first);

        second.State = new ConferenceState { ConferenceSid = "CF-second" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("conference", Conference, second));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("conference", Conference, second));

        Assert.Equal("CF-first", (await ReadAsync()).State!.ConferenceSid);
    }

    [Fact]
    public async Task A_cleared_state_is_gone_and_can_be_written_again()
    {
        var state = new GrainState<ConferenceState>(new ConferenceState { ConferenceSid = "CF1" });
        await _storage.WriteStateAsync("conference", Conference, state);

        await _storage.ClearStateAsync("conference", Conference, state);

        Assert.False((await ReadAsync()).RecordExists);
        Assert.Null(state.ETag);
        state.State = new ConferenceState { ConferenceSid = "CF2" };
        await _storage.WriteStateAsync("conference", Conference, state);
        Assert.Equal("CF2", (await ReadAsync()).State!.ConferenceSid);
    }

    private Task<GrainState<ConferenceState>> ReadAsync() => _storage.ReadAsync<ConferenceState>("conference", Conference);
}
