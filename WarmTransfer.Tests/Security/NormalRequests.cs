using System.Diagnostics;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Security;

/// <summary>What an honest agent does all day (read the session, read its own state), timed, while others misbehave.</summary>
public sealed class NormalRequests(TestWebHost host, AgentSession agent)
{
    /// <summary>No honest request may wait this long because of other clients; a blocked thread pool shows as seconds.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private readonly List<TimeSpan> _latencies = [];

    public TimeSpan Slowest => _latencies.Count == 0 ? TimeSpan.Zero : _latencies.Max();

    public int Count => _latencies.Count;

    /// <summary>Times normal requests one after another until <paramref name="stop"/> is cancelled and at least <paramref name="minimum"/> were made.</summary>
    public async Task RunAsync(CancellationToken stop, int minimum = 10)
    {
        using var anonymous = host.CreateClient();
        anonymous.Timeout = TimeSpan.FromSeconds(30);
        while (!stop.IsCancellationRequested || _latencies.Count < minimum)
        {
            await TimeAsync(() => anonymous.GetAsync("/account/session"));
            await TimeAsync(() => agent.Client.GetAsync($"/agents/{agent.AgentId}"));
        }
    }

    private async Task TimeAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        response.EnsureSuccessStatusCode();
        _latencies.Add(clock.Elapsed);
    }
}
