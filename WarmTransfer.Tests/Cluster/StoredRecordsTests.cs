using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>The grouped writes on their own: records of a round are written side by side and succeed or fail apart; a record left empty is cleared.</summary>
[Trait("Tier", Tier.Grains)]
public sealed class StoredRecordsTests
{
    private static readonly GrainId Owner = GrainId.Create("queue", "records-" + Guid.NewGuid().ToString("N"));

    private readonly StorageGate _gate = new();
    private readonly InProcessGrainStorage _inner = StoredState.InProcess();
    private readonly GatedGrainStorage _storage;

    public StoredRecordsTests() => _storage = new GatedGrainStorage(_inner, _gate);

    [Fact]
    public async Task In_one_round_a_record_whose_write_fails_loses_its_change_and_another_record_keeps_its_own()
    {
        var records = Records();
        _gate.Hold(Owner);

        var firstStored = records.ChangeAsync(1, Add("first"));
        var firstWrite = await _gate.NextWriteAsync(Owner);
        var sameStored = records.ChangeAsync(1, Add("same"));
        var otherStored = records.ChangeAsync(2, Add("other"));
        firstWrite.Pass();
        await firstStored;

        var round = new[] { await _gate.NextWriteAsync(Owner), await _gate.NextWriteAsync(Owner) };
        round.Single(w => w.StateName == "line-1").Fail();
        round.Single(w => w.StateName == "line-2").Pass();
        await otherStored;
        await Assert.ThrowsAnyAsync<IOException>(() => sameStored);
        _gate.Release(Owner);

        Assert.Equal(["first"], Callers(records[1]));
        Assert.Equal(["first"], Callers((await Records().ReadAsync([1]))[0]));
        Assert.Equal(["other"], Callers((await Records().ReadAsync([2]))[0]));
    }

    [Fact]
    public async Task A_record_a_round_leaves_empty_is_cleared_from_storage_and_is_stored_anew_when_it_fills_again()
    {
        var records = Records();
        await records.ChangeAsync(3, Add("first"));
        Assert.True(await StoredAsync(3));

        await records.ChangeAsync(3, Remove("first"));

        Assert.False(await StoredAsync(3));
        await records.ChangeAsync(3, Add("again"));
        Assert.Equal(["again"], Callers((await Records().ReadAsync([3]))[0]));
    }

    [Fact]
    public async Task A_record_whose_clearing_fails_keeps_its_callers_in_storage_and_in_memory()
    {
        var records = Records();
        await records.ChangeAsync(4, Add("first"));
        _gate.Hold(Owner);

        var removed = records.ChangeAsync(4, Remove("first"));
        var clearing = await _gate.NextWriteAsync(Owner);
        Assert.True(clearing.Clears);
        clearing.Fail();
        await Assert.ThrowsAnyAsync<IOException>(() => removed);
        _gate.Release(Owner);

        Assert.Equal(["first"], Callers(records[4]));
        Assert.Equal(["first"], Callers((await Records().ReadAsync([4]))[0]));
    }

    [Fact]
    public async Task A_record_filled_and_emptied_before_its_round_is_never_written()
    {
        var records = Records();
        await records.ChangeAsync(5, Add("first"));
        _gate.Hold(Owner);
        var heldWrite = records.ChangeAsync(5, Add("second"));
        var write = await _gate.NextWriteAsync(Owner);

        var filled = records.ChangeAsync(6, Add("third"));
        var emptied = records.ChangeAsync(6, Remove("third"));
        write.Pass();
        await Task.WhenAll(heldWrite, filled, emptied);
        _gate.Release(Owner);

        Assert.Equal(2, _gate.WritesOf(Owner));
        Assert.False(await StoredAsync(6));
    }

    /// <summary>The records as a grain activating now would see them.</summary>
    private StoredRecords<LinePage> Records() => new(_storage, Owner, "line-", LinePage.Empty, page => page.IsEmpty);

    private async Task<bool> StoredAsync(long number) => (await _inner.ReadAsync<LinePage>($"line-{number}", Owner)).RecordExists;

    private static Func<LinePage, LinePage> Add(string conferenceId) =>
        page => page.With(new WaitingCaller(conferenceId, DateTimeOffset.UnixEpoch, 0));

    private static Func<LinePage, LinePage> Remove(string conferenceId) => page => page.Without(conferenceId);

    private static string[] Callers(LinePage page) => [.. page.Waiting.Select(c => c.ConferenceId)];
}
