using System.Text.Json;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Support;

/// <summary>Reads an agent's Server-Sent Events stream in the background, so a test can wait for a given event.</summary>
public sealed class AgentEvents : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Event, JsonElement Data)> _unread = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;

    private AgentEvents(AgentSession session) => _reader = ReadAsync(session);

    /// <summary>Opens the stream and returns once the server has subscribed it (its first event, the snapshot, arrived).</summary>
    public static async Task<AgentEvents> FollowAsync(AgentSession session)
    {
        var events = new AgentEvents(session);
        await events._subscribed.Task.WaitAsync(Eventually.DefaultTimeout);
        return events;
    }

    /// <summary>The first unread event of this type whose data matches (events before it stay unread), waiting up to the deadline.</summary>
    public async Task<JsonElement> NextAsync(string eventType, Func<JsonElement, bool>? matches = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            lock (_unread)
            {
                var index = _unread.FindIndex(e => e.Event == eventType && (matches?.Invoke(e.Data) ?? true));
                if (index >= 0)
                {
                    var found = _unread[index];
                    _unread.RemoveAt(index);
                    return found.Data;
                }
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_unread)
                {
                    throw new TimeoutException($"No matching '{eventType}' event arrived; unread: {string.Join(" | ", _unread.Select(e => $"{e.Event} {e.Data}"))}");
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
        }
    }

    private async Task ReadAsync(AgentSession session)
    {
        using var response = await session.Client.GetAsync($"/agents/{session.AgentId}/events", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        var eventType = "message";
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (_unread)
                {
                    _unread.Add((eventType, JsonDocument.Parse(line["data:".Length..].Trim()).RootElement.Clone()));
                }

                _arrived.Release();
                _subscribed.TrySetResult();
            }
            else if (line.Length == 0)
            {
                eventType = "message";
            }
        }
    }
}
