using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Stores the line in pages by arrival: the caller who arrived a-th is on page a / <see cref="PageSize"/>. A caller
/// joining rewrites the newest page and a caller leaving rewrites their own, each at most <see cref="PageSize"/> callers
/// however long the line is. A page left empty is cleared from storage.
/// The pages holding callers are listed in an index of <see cref="IndexCount"/> records (page p in record p mod
/// <see cref="IndexCount"/>), changed only when a page gets its first caller or, once no caller can join it any more, has
/// lost its last. A page is listed before its first caller is stored and unlisted only after its clearing is stored, so
/// every caller in storage is on a listed page.
/// </summary>
public sealed class LinePages(IGrainStorage storage, GrainId queue)
{
    public const int PageSize = 32;
    public const int IndexCount = 64;

    private readonly StoredRecords<LinePage> _pages = new(storage, queue, "queue-page-", LinePage.Empty, static page => page.IsEmpty);
    private readonly StoredRecords<LinePageIndex> _index = new(storage, queue, "queue-pages-", LinePageIndex.Empty, static index => index.IsEmpty);

    /// <summary>The pages listed in the index, each with the task storing its listing (completed once stored).</summary>
    private readonly Dictionary<long, Task> _listed = [];

    /// <summary>Callers waiting for their page's listing to be stored, by page: their page is not empty, though it looks so.</summary>
    private readonly Dictionary<long, HashSet<string>> _joining = [];

    /// <summary>The page callers join: no caller joins a page before it.</summary>
    private long _newest = -1;

    public static long PageOf(WaitingCaller caller) => caller.Arrival / PageSize;

    /// <summary>Reads the callers on every listed page. Listed pages found empty (left so by a failure, or by the end of
    /// the last activation) are unlisted.</summary>
    public async Task<IReadOnlyList<WaitingCaller>> ReadAllAsync()
    {
        var indexed = await _index.ReadFirstAsync(IndexCount);
        var listed = indexed.SelectMany(record => record.Pages).ToArray();
        var pages = await _pages.ReadAsync(listed);
        var callers = new List<WaitingCaller>();
        var empty = new List<long>();
        for (var i = 0; i < listed.Length; i++)
        {
            _listed[listed[i]] = Task.CompletedTask;
            callers.AddRange(pages[i].Waiting);
            if (pages[i].IsEmpty)
            {
                empty.Add(listed[i]);
            }
            else
            {
                _newest = Math.Max(_newest, listed[i]);
            }
        }

        await Task.WhenAll(empty.Select(RetireAsync));
        return callers;
    }

    /// <summary>Completes once the caller is stored; fails if the caller could not be (nothing of theirs is then stored).</summary>
    public async Task AddAsync(WaitingCaller caller)
    {
        var page = PageOf(caller);
        if (page > _newest)
        {
            var before = _newest;
            _newest = page;
            _ = RetireAsync(before);
        }

        var listed = _listed.TryGetValue(page, out var listing) && listing.IsCompletedSuccessfully;
        if (!listed && !await JoinOnceListedAsync(page, caller))
        {
            // Left while their page was being listed (see RemoveAsync): nothing of theirs is to be stored.
            _ = RetireAsync(page);
            return;
        }

        await _pages.ChangeAsync(page, p => p.With(caller));
    }

    /// <summary>Completes once the caller's leaving is stored (at once for a caller still waiting for their page's listing: they are then never stored).</summary>
    public async Task RemoveAsync(WaitingCaller caller)
    {
        var page = PageOf(caller);
        if (_joining.TryGetValue(page, out var joining) && joining.Remove(caller.ConferenceId))
        {
            return;
        }

        await _pages.ChangeAsync(page, p => p.Without(caller.ConferenceId));
        _ = RetireAsync(page);
    }

    /// <summary>Waits for the page's listing to be stored; false if the caller left meanwhile.</summary>
    private async Task<bool> JoinOnceListedAsync(long page, WaitingCaller caller)
    {
        if (!_joining.TryGetValue(page, out var joining))
        {
            joining = _joining[page] = new HashSet<string>(StringComparer.Ordinal);
        }

        joining.Add(caller.ConferenceId);
        bool stillJoining;
        try
        {
            await ListAsync(page);
        }
        finally
        {
            stillJoining = joining.Remove(caller.ConferenceId);
            if (joining.Count == 0)
            {
                _joining.Remove(page);
            }
        }

        return stillJoining;
    }

    private Task ListAsync(long page)
    {
        if (_listed.TryGetValue(page, out var listing))
        {
            return listing;
        }

        listing = StoreListingAsync(page);
        if (!listing.IsFaulted)
        {
            _listed[page] = listing;
        }

        return listing;
    }

    private async Task StoreListingAsync(long page)
    {
        try
        {
            await _index.ChangeAsync(page % IndexCount, index => index.With(page));
        }
        catch
        {
            _listed.Remove(page);
            throw;
        }
    }

    /// <summary>
    /// Unlists a page that no caller can join any more and that is empty, once its clearing is stored. Nobody awaits this:
    /// if it fails, the page stays listed, which costs one read when the queue next activates (and that activation unlists it).
    /// </summary>
    private async Task RetireAsync(long page)
    {
        if (page >= _newest || !_pages[page].IsEmpty || !_listed.ContainsKey(page))
        {
            return;
        }

        try
        {
            await _pages.ChangeAsync(page, static unchanged => unchanged);
            if (_pages[page].IsEmpty && !_joining.ContainsKey(page) && _listed.Remove(page))
            {
                await _index.ChangeAsync(page % IndexCount, index => index.Without(page));
            }
        }
        catch (Exception)
        {
            // Left listed; see above.
        }
    }
}
