using System.Collections.Concurrent;
using System.Threading.Channels;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Benchmarks;

/// <summary>Agents' browsers in the emulator: each ring is handed, without polling, to whoever waits for a ring in that conference.</summary>
public sealed class BrowserPhones
{
    private readonly ConcurrentDictionary<string, Channel<FakeCall>> _rings = new();

    /// <summary>Follows the emulator's rings, per agent; with <c>answerAll</c> every ring goes to <see cref="All"/> instead, whichever conference.</summary>
    public BrowserPhones(FakeTwilio twilio, bool answerAll = false) => twilio.OnBrowserRinging(call =>
    {
        if (answerAll)
        {
            All.Writer.TryWrite(call);
        }
        else if (ConferenceOf(call) is { } conferenceId)
        {
            Rings(conferenceId).Writer.TryWrite(call);
        }
    });

    /// <summary>Every ring, when all are answered alike (workload 5).</summary>
    public Channel<FakeCall> All { get; } = Channel.CreateUnbounded<FakeCall>();

    public async Task<FakeCall> NextRingAsync(string conferenceId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await Rings(conferenceId).Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No agent was rung for {conferenceId} within {timeout.TotalSeconds:0} s");
        }
    }

    public void Forget(string conferenceId) => _rings.TryRemove(conferenceId, out _);

    private Channel<FakeCall> Rings(string conferenceId) => _rings.GetOrAdd(conferenceId, _ => Channel.CreateUnbounded<FakeCall>());

    /// <summary>An agent's leg fetches /conference/{conferenceId}/connect/{agentId} when answered.</summary>
    private static string? ConferenceOf(FakeCall call) =>
        call.Url?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["conference", var conferenceId, "connect", _] ? conferenceId : null;
}
