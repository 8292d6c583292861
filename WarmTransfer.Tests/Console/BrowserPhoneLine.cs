using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Microsoft.Playwright;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Console;

/// <summary>
/// Stands in for Twilio's cloud between the emulator and one page's fake Voice SDK: rings the page's Device when the
/// emulator rings client:{agent} (only while the Device is registered with a token for that identity), ends the
/// page's call when the emulator's leg ends, and carries the page's accept, reject and hang-up back to the emulator.
/// </summary>
public sealed class BrowserPhoneLine(FakeTwilio twilio, string agentId) : IAsyncDisposable
{
    private readonly HashSet<string> _presented = [];
    private readonly HashSet<string> _ended = [];
    private readonly ConcurrentQueue<string> _tokens = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private volatile string? _registeredAs;

    /// <summary>Every token the page registered or renewed with, in order.</summary>
    public IReadOnlyList<string> Tokens => [.. _tokens];

    public bool Registered => _registeredAs == agentId;

    public async Task ExposeToAsync(IBrowserContext context)
    {
        await context.ExposeFunctionAsync("fakeVoiceRegister", (string token) => Register(token));
        await context.ExposeFunctionAsync("fakeVoiceAnswer", (string callSid) => Act(callSid, call => call.Status == FakeCallStatus.Ringing, twilio.Answer));
        await context.ExposeFunctionAsync("fakeVoiceReject", (string callSid) => Act(callSid, call => call.Status == FakeCallStatus.Ringing, twilio.Reject));
        await context.ExposeFunctionAsync("fakeVoiceHangUp", (string callSid) => Act(callSid, call => call.IsLive, twilio.HangUp));
    }

    public void Connect(IPage page) => _loop = Task.Run(() => CarryCallsAsync(page));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private void Register(string token)
    {
        if (token.Length == 0)
        {
            _registeredAs = null;
            return;
        }

        _tokens.Enqueue(token);
        var payload = new JwtSecurityTokenHandler().ReadJwtToken(token).Payload;
        using var grants = JsonDocument.Parse(payload["grants"].ToString()!);
        _registeredAs = grants.RootElement.GetProperty("identity").GetString();
    }

    private void Act(string callSid, Func<FakeCall, bool> applies, Action<FakeCall> action)
    {
        var call = twilio.CallsTo(agentId).FirstOrDefault(c => c.Sid == callSid);
        if (call is not null && twilio.Read(() => applies(call)))
        {
            action(call);
        }
    }

    private async Task CarryCallsAsync(IPage page)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                foreach (var call in twilio.CallsTo(agentId))
                {
                    var (status, live) = twilio.Read(() => (call.Status, call.IsLive));
                    if (status == FakeCallStatus.Ringing && Registered && _presented.Add(call.Sid))
                    {
                        await page.EvaluateAsync("([sid, from, to]) => window.fakeVoice.ring(sid, from, to)", new[] { call.Sid, call.From, call.To });
                    }
                    else if (!live && _presented.Contains(call.Sid) && _ended.Add(call.Sid))
                    {
                        await page.EvaluateAsync("sid => window.fakeVoice.end(sid)", call.Sid);
                    }
                }

                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (PlaywrightException) when (page.IsClosed || _stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
