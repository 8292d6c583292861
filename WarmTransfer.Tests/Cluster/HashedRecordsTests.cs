using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>The grouped writes on their own: records of a round are written side by side and succeed or fail apart.</summary>
[Trait("Tier", Tier.Grains)]
public sealed class HashedRecordsTests
{
    private const int Count = 8;
    private static readonly GrainId Owner = GrainId.Create("queue", "records-" + Guid.NewGuid().ToString("N"));

    private readonly StorageGate _gate = new();
    private readonly GatedGrainStorage _storage;

    public HashedRecordsTests()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _storage = new GatedGrainStorage(new InProcessGrainStorage(services.GetRequiredService<Serializer>(), services.GetRequiredService<IActivatorProvider>()), _gate);
    }

    [Fact]
    public async Task In_one_round_a_record_whose_write_fails_loses_its_change_and_another_record_keeps_its_own()
    {
        var records = await OpenAsync();
        var first = Sid.Call();
        var sameRecord = Sid.CallWhere(key => RecordOf(key) == RecordOf(first));
        var otherRecord = Sid.CallWhere(key => RecordOf(key) != RecordOf(first));
        _gate.Hold(Owner);

        var firstStored = records.ChangeAsync(first, Add(first));
        var firstWrite = await _gate.NextWriteAsync(Owner);
        var sameStored = records.ChangeAsync(sameRecord, Add(sameRecord));
        var otherStored = records.ChangeAsync(otherRecord, Add(otherRecord));
        firstWrite.Pass();
        await firstStored;

        var round = new[] { await _gate.NextWriteAsync(Owner), await _gate.NextWriteAsync(Owner) };
        round.Single(w => w.StateName == StateOf(sameRecord)).Fail();
        round.Single(w => w.StateName == StateOf(otherRecord)).Pass();
        await otherStored;
        await Assert.ThrowsAnyAsync<IOException>(() => sameStored);
        _gate.Release(Owner);
        await records.ChangeAsync(first, bucket => bucket); // stores the record as it now is in memory

        var stored = await StoredAsync();
        Assert.Equal(new[] { first, otherRecord }.Order().ToArray(), stored);
    }

    private async Task<HashedRecords<LineBucket>> OpenAsync()
    {
        var records = Records();
        await records.ReadAllAsync();
        return records;
    }

    private async Task<string[]> StoredAsync()
    {
        var stored = await Records().ReadAllAsync();
        return [.. stored.SelectMany(b => b.Callers).Select(c => c.ConferenceId).Order()];
    }

    /// <summary>The records as a grain activating now would see them.</summary>
    private HashedRecords<LineBucket> Records() => new(_storage, Owner, "line-", Count, () => new LineBucket());

    private static Func<LineBucket, LineBucket> Add(string key) =>
        bucket => bucket.With(new WaitingCaller(key, DateTimeOffset.UnixEpoch, 0));

    private static string StateOf(string key) => $"line-{RecordOf(key)}";

    private static int RecordOf(string key) => HashedRecords<LineBucket>.RecordOf(key, Count);
}
