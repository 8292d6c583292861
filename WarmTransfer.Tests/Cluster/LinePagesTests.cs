using System.Collections.Concurrent;
using Orleans.Storage;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

/// <summary>The line in pages by arrival: a change writes one page, however long the line; the index lists exactly the pages holding callers.</summary>
[Trait("Tier", Tier.Grains)]
public sealed class LinePagesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly GrainId _queue = GrainId.Create("queue", "pages-" + Guid.NewGuid().ToString("N"));
    private readonly StorageGate _gate = new();
    private readonly InProcessGrainStorage _inner = StoredState.InProcess();
    private readonly WriteLog _writes;

    public LinePagesTests() => _writes = new WriteLog(new GatedGrainStorage(_inner, _gate));

    [Fact]
    public async Task Every_write_holds_at_most_a_page_of_callers_however_long_the_line_grows()
    {
        var pages = await OpenAsync();
        var callers = Callers(1, 3_000);

        foreach (var caller in callers)
        {
            await pages.AddAsync(caller);
        }

        foreach (var caller in callers.Where((_, i) => i % 7 == 0))
        {
            await pages.RemoveAsync(caller);
        }

        var written = _writes.Pages.ToArray();
        Assert.NotEmpty(written);
        Assert.All(written, page => Assert.InRange(page.Waiting.Length, 0, LinePages.PageSize));
        var pageCount = 3_000 / LinePages.PageSize + 1;
        Assert.InRange(_writes.IndexWrites, pageCount, 2 * pageCount);
        Assert.Equal(callers.Where((_, i) => i % 7 != 0).Select(c => c.ConferenceId).Order(), await StoredAsync());
    }

    [Fact]
    public async Task A_page_no_caller_can_join_is_cleared_and_unlisted_once_its_last_caller_leaves_and_the_newest_page_stays_listed()
    {
        var pages = await OpenAsync();
        var callers = Callers(1, 70);
        foreach (var caller in callers)
        {
            await pages.AddAsync(caller);
        }

        foreach (var caller in callers.Where(c => LinePages.PageOf(c) is 1 or 2))
        {
            await pages.RemoveAsync(caller);
        }

        await Eventually.Until(ListedAsync, listed => listed.SequenceEqual([0, 2]), "pages 0 and 2 to be listed", TimeSpan.FromSeconds(5));
        Assert.False(await PageStoredAsync(1));
        Assert.False(await PageStoredAsync(2));
        Assert.Equal(callers.Where(c => LinePages.PageOf(c) == 0).Select(c => c.ConferenceId).Order(), await StoredAsync());
    }

    [Fact]
    public async Task Leaving_the_newest_page_empty_unlists_it_once_callers_join_the_next()
    {
        var pages = await OpenAsync();
        var early = Callers(1, 40);
        foreach (var caller in early)
        {
            await pages.AddAsync(caller);
        }

        foreach (var caller in early.Where(c => LinePages.PageOf(c) == 1))
        {
            await pages.RemoveAsync(caller);
        }

        var listed = await ListedAsync();

        Assert.Equal([0, 1], listed);
        await pages.AddAsync(Callers(64, 64)[0]);

        await Eventually.Until(ListedAsync, listed => listed.SequenceEqual([0, 2]), "pages 0 and 2 to be listed", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_caller_whose_page_cannot_be_listed_is_not_stored_and_the_next_caller_lists_it()
    {
        var pages = await OpenAsync();
        var (first, second) = (Callers(1, 1)[0], Callers(2, 2)[0]);
        _gate.Hold(_queue);

        var added = pages.AddAsync(first);
        var listing = await _gate.NextWriteAsync(_queue);
        Assert.Equal("queue-pages-0", listing.StateName);
        listing.Fail();
        await Assert.ThrowsAnyAsync<IOException>(() => added);
        _gate.Release(_queue);

        Assert.Empty(await StoredAsync());
        await pages.AddAsync(second);
        Assert.Equal([second.ConferenceId], await StoredAsync());
    }

    [Fact]
    public async Task A_caller_joining_while_their_page_is_being_listed_is_stored_after_the_listing()
    {
        var pages = await OpenAsync();
        var (first, second) = (Callers(1, 1)[0], Callers(2, 2)[0]);
        _gate.Hold(_queue);

        var firstAdded = pages.AddAsync(first);
        var listing = await _gate.NextWriteAsync(_queue);
        var secondAdded = pages.AddAsync(second);
        listing.Pass();
        var pageWrite = await _gate.NextWriteAsync(_queue);
        pageWrite.Pass();
        _gate.Release(_queue);
        await Task.WhenAll(firstAdded, secondAdded);

        Assert.Equal("queue-page-0", pageWrite.StateName);
        Assert.Equal(new[] { first.ConferenceId, second.ConferenceId }.Order(), await StoredAsync());
    }

    [Fact]
    public async Task A_caller_who_leaves_while_their_page_is_being_listed_is_never_stored()
    {
        var pages = await OpenAsync();
        var (leaving, staying) = (Callers(1, 1)[0], Callers(2, 2)[0]);
        _gate.Hold(_queue);

        var leaverAdded = pages.AddAsync(leaving);
        var listing = await _gate.NextWriteAsync(_queue);
        var stayerAdded = pages.AddAsync(staying);
        await pages.RemoveAsync(leaving);
        listing.Pass();
        var pageWrite = await _gate.NextWriteAsync(_queue);
        pageWrite.Pass();
        _gate.Release(_queue);
        await Task.WhenAll(leaverAdded, stayerAdded);

        Assert.Equal([staying.ConferenceId], await StoredAsync());
    }

    [Fact]
    public async Task A_listed_page_found_empty_when_the_line_is_read_is_unlisted()
    {
        var pages = await OpenAsync();
        foreach (var caller in Callers(1, 40))
        {
            await pages.AddAsync(caller);
        }

        await _inner.ClearStateAsync("queue-page-0", _queue, await ReadAsync<LinePage>("queue-page-0"));

        var stored = await StoredAsync();

        Assert.Equal(Callers(32, 40).Select(c => c.ConferenceId).Order(), stored);
        var listed = await ListedAsync();
        Assert.Equal([1], listed);
    }

    private async Task<LinePages> OpenAsync()
    {
        var pages = new LinePages(_writes, _queue);
        await pages.ReadAllAsync();
        return pages;
    }

    /// <summary>The callers a queue activating now reads.</summary>
    private async Task<string[]> StoredAsync() =>
        [.. (await new LinePages(_inner, _queue).ReadAllAsync()).Select(c => c.ConferenceId).Order()];

    private async Task<long[]> ListedAsync()
    {
        var records = await Task.WhenAll(Enumerable.Range(0, LinePages.IndexCount).Select(i => ReadAsync<LinePageIndex>($"queue-pages-{i}")));
        return [.. records.SelectMany(r => r.State?.Pages ?? []).Order()];
    }

    private async Task<bool> PageStoredAsync(long page) => (await ReadAsync<LinePage>($"queue-page-{page}")).RecordExists;

    private Task<GrainState<T>> ReadAsync<T>(string stateName) => _inner.ReadAsync<T>(stateName, _queue);

    private static WaitingCaller[] Callers(long firstArrival, long lastArrival) =>
        [.. Enumerable.Range((int)firstArrival, (int)(lastArrival - firstArrival + 1)).Select(a => new WaitingCaller($"CA{a:D32}", Start.AddSeconds(a), a))];

    /// <summary>Storage that keeps what each write stored, to check the size of every write.</summary>
    private sealed class WriteLog(IGrainStorage inner) : IGrainStorage
    {
        private readonly ConcurrentQueue<LinePage> _pages = new();
        private int _indexWrites;

        public IEnumerable<LinePage> Pages => _pages;

        public int IndexWrites => _indexWrites;

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            switch (grainState.State)
            {
                case LinePage page:
                    _pages.Enqueue(page);
                    break;
                case LinePageIndex:
                    Interlocked.Increment(ref _indexWrites);
                    break;
            }

            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainState.State is LinePageIndex)
            {
                Interlocked.Increment(ref _indexWrites);
            }

            return inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }
}
