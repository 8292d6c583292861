using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>
/// Whole calls with random agent behaviour while Twilio misbehaves as it does in real life, over many seeds: REST
/// requests refused or reset (5%), callbacks lost (5%), doubled (20%), late, reordered (window 4) and two at a time,
/// a wait-music fetch failing now and then, browsers ignoring calls while busy. After every call: the caller was never
/// dropped and never sat in silence, nobody was rung twice at once, Twilio saw no application error, our view equals
/// Twilio's, and once the call is over every leg is down and every agent free.
/// </summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class ChaosScenarioTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seeds = 100;

    private CallCenter _center = null!;
    private FakeTwilio Twilio => _center.Twilio;

    private readonly Dictionary<FaultKind, int> _faultsBefore = [];

    public async Task InitializeAsync() => _center = await CallCenter.StartAsync(configure: settings =>
    {
        settings["environment"] = "Development";
        settings["Agents:DevelopmentSignIn"] = "true";
        settings["WarmTransfer:ReconcileInterval"] = "00:00:02";
    });

    /// <summary>Twilio's failures at realistic rates; a call is created again only after a 429, so a reset or 500 on one fails that dial.</summary>
    private static TwilioFaults FaultsFor(int seed) => new(seed)
    {
        TooManyRequestsRate = 0.01,
        RetryAfter = TimeSpan.FromMilliseconds(200),
        ServerErrorRate = 0.015,
        ServiceUnavailableRate = 0.015,
        ConnectionResetRate = 0.01,
        SlowAnswerRate = 0.02,
        SlowAnswerDelay = TimeSpan.FromMilliseconds(100),
        WaitFetchFailureRate = 0.02,
    };

    private static CallbackChaos ChaosFor(int seed) => new(seed) { LossProbability = 0.05, MaxInFlight = 2 };

    public async Task DisposeAsync() => await _center.DisposeAsync();

    [Fact]
    public async Task Calls_keep_their_invariants_whatever_the_order_of_callbacks()
    {
        foreach (var seed in SeedsToRun())
        {
            Twilio.UseChaos(ChaosFor(seed));
            Twilio.UseFaults(FaultsFor(seed));
            var run = new ChaosRun(_center, new Random(seed), seed);
            try
            {
                await run.PlayAsync();
                await run.CheckInvariantsAsync();
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Seed {seed} failed after: {string.Join(" → ", run.Steps)}\n{LastWebhooks()}\n{ex}");
            }
            finally
            {
                await run.SignOffAsync();
            }
        }

        Twilio.UseChaos(null);
        Twilio.UseFaults(null);
        // The closing note's fault counts come from here.
        output.WriteLine($"Chaos: {Seeds} seeds, faults injected: {string.Join(", ", Twilio.InjectedFaults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))}");
        Assert.True(Environment.GetEnvironmentVariable("WARMTRANSFER_CHAOS_SEEDS") is { Length: > 0 }
            || (Twilio.InjectedFaults.GetValueOrDefault(FaultKind.CallbackLost) > 0 && Twilio.InjectedFaults.GetValueOrDefault(FaultKind.RestServerError) > 0),
            "the chaos injected no faults");
    }

    /// <summary>All seeds, or the ones WARMTRANSFER_CHAOS_SEEDS names (e.g. "46" or "40,46") to replay a failure.</summary>
    private static IEnumerable<int> SeedsToRun() =>
        Environment.GetEnvironmentVariable("WARMTRANSFER_CHAOS_SEEDS") is { Length: > 0 } chosen
            ? chosen.Split(',').Select(int.Parse)
            : Enumerable.Range(1, Seeds);

    /// <summary>What the app was last told and answered, to see why a seed failed.</summary>
    private string LastWebhooks() => string.Join("\n", Twilio.Webhooks.TakeLast(60).Select(w =>
        $"{w.Kind} {w.Url} → {w.Status} {string.Join(",", w.Form.Where(p => p.Key is "CallSid" or "CallStatus" or "SequenceNumber" or "Hold").Select(p => $"{p.Key}={p.Value}"))}"));

    /// <summary>One call with three fresh agents and a random script.</summary>
    private sealed class ChaosRun(CallCenter center, Random random, int seed)
    {
        private readonly string[] _agents = [$"a{seed}", $"b{seed}", $"c{seed}"];
        private FakeCall _caller = null!;
        private bool _callerHungUp;

        public List<string> Steps { get; } = [];

        private FakeTwilio Twilio => center.Twilio;

        public async Task PlayAsync()
        {
            foreach (var agent in _agents)
            {
                await center.ConnectAsync(agent);
            }

            _caller = Twilio.DialIn(center.VoiceUrl);
            Step("caller dials in");

            // Whoever is rung first: a dial Twilio refused leaves that agent out of the next offer for a while.
            var first = await RingingAnyAsync(_agents);
            string? away = null;
            if (Chance(0.25))
            {
                away = first.ClientIdentity!;
                Step($"{away} lets it ring out");
                Twilio.TimeOut(first);
                first = await RingingAnyAsync(_agents.Where(a => a != away));
            }

            var handler = first.ClientIdentity!;
            if (await CallerHangsUpAsync(0.1))
            {
                return;
            }

            Step($"{handler} answers");
            Twilio.Answer(first);
            await center.WaitForPhaseAsync(_caller.Sid, ConferencePhase.Connected);
            if (await CallerHangsUpAsync(0.15) || !Chance(0.85))
            {
                return;
            }

            // Whoever let the first ring run out is away now, so the target is one of the others.
            var candidates = _agents.Where(a => a != handler && a != away).ToArray();
            var target = candidates[random.Next(candidates.Length)];
            Step($"{handler} transfers to {target}");
            if (!await TryCommandAsync(handler, "transfer", new TransferRequest(target)))
            {
                return;
            }

            // Twilio may refuse to place the target's call (a 500 or a reset is not retried): the transfer then fails back to the handler.
            var targetLeg = await TargetRingingOrTransferFailedAsync(target);
            if (targetLeg is null)
            {
                Step($"{target} could not be rung");
                return;
            }

            if (await CallerHangsUpAsync(0.1))
            {
                return;
            }

            switch (random.Next(6))
            {
                case 0:
                    Step($"{target} lets it ring out");
                    Twilio.TimeOut(targetLeg);
                    break;
                case 1:
                    Step($"{target} declines");
                    Twilio.Reject(targetLeg);
                    break;
                case 2:
                    Step($"{handler} cancels while {target} rings");
                    await TryCommandAsync(handler, "transfer/cancel");
                    break;
                case 3:
                    Step($"{handler} hangs up while {target} rings");
                    Twilio.HangUp(await LegOfAsync(handler));
                    await Twilio.QuietAsync();
                    if (Chance(0.5))
                    {
                        Step($"{target} answers the orphaned transfer");
                        Twilio.Answer(targetLeg);
                    }
                    else
                    {
                        Step($"{target} lets the orphaned transfer ring out");
                        Twilio.TimeOut(targetLeg);
                    }

                    break;
                default:
                    Step($"{target} answers");
                    Twilio.Answer(targetLeg);
                    await center.WaitForPhaseAsync(_caller.Sid, ConferencePhase.Consulting);
                    await AfterConsultAsync(handler, target, targetLeg);
                    break;
            }

            await Twilio.QuietAsync();
            await CallerHangsUpAsync(0.3);
        }

        public async Task CheckInvariantsAsync()
        {
            await CallerHearsWhatThePhaseMeansAsync();
            await CallChecks.SettledAsync(center, _caller, _agents);
            Assert.True(_callerHungUp || _caller.IsLive, "the caller was dropped: nobody in the script ended the call");
            if (_caller.IsLive)
            {
                Step("caller hangs up at the end");
                Twilio.HangUp(_caller);
            }

            await center.WaitForPhaseAsync(_caller.Sid, ConferencePhase.Ended);
            await Twilio.WaitUntilAsync(() => Twilio.Calls.Where(c => c.Sid == _caller.Sid || _agents.Contains(c.ClientIdentity)).All(c => !c.IsLive),
                "every leg of the call to be down");
            CallChecks.NeverInSilence(center, _caller);
            await CallChecks.SettledAsync(center, _caller, _agents);
            foreach (var agent in _agents)
            {
                var view = await Eventually.Until(() => center.AgentViewAsync(agent), v => v.CurrentConferenceId is null,
                    $"agent {agent} to be free");
                Assert.Contains(view.Presence, new[] { AgentPresence.Available, AgentPresence.Away });
            }
        }

        /// <summary>Once things settle, the caller talks to an agent if one has the call, and hears music otherwise — never stuck on hold.</summary>
        private async Task CallerHearsWhatThePhaseMeansAsync()
        {
            await Twilio.QuietAsync();
            await Eventually.Until(
                async () => ((await center.ConferenceAsync(_caller.Sid)).Phase, Twilio.Read(() => _caller.Hearing)),
                settled => settled switch
                {
                    (ConferencePhase.Connected or ConferencePhase.ThreeWay, var audio) => audio == Audio.Conversation,
                    (ConferencePhase.Transferring or ConferencePhase.Consulting, var audio) => audio == Audio.HoldMusic,
                    (ConferencePhase.Queued or ConferencePhase.Offering, var audio) => audio is Audio.WaitMusic or Audio.HoldMusic,
                    (ConferencePhase.Ended, var audio) => audio == Audio.Ended,
                    _ => false,
                },
                "what the caller hears to match the conference's phase");
        }

        public async Task SignOffAsync()
        {
            foreach (var agent in _agents)
            {
                await center.Host.Grains.GetGrain<IAgentGrain>(agent).ChoosePresenceAsync(AgentPresence.Offline);
            }
        }

        private async Task AfterConsultAsync(string handler, string target, FakeCall targetLeg)
        {
            switch (random.Next(5))
            {
                case 0:
                    Step($"{handler} joins the three-way and completes");
                    await TryCommandAsync(handler, "transfer/three-way");
                    await TryCommandAsync(handler, "transfer/complete");
                    break;
                case 1:
                    Step($"{handler} completes");
                    await TryCommandAsync(handler, "transfer/complete");
                    break;
                case 2:
                    Step($"{handler} cancels the consult");
                    await TryCommandAsync(handler, "transfer/cancel");
                    break;
                case 3:
                    Step($"{handler} hangs up during the consult");
                    Twilio.HangUp(await LegOfAsync(handler));
                    break;
                default:
                    Step($"{target} hangs up during the consult");
                    Twilio.HangUp(targetLeg);
                    break;
            }
        }

        private async Task<bool> CallerHangsUpAsync(double probability)
        {
            if (!_caller.IsLive || !Chance(probability))
            {
                return false;
            }

            Step("caller hangs up");
            _callerHungUp = true;
            Twilio.HangUp(_caller);
            await Twilio.QuietAsync();
            return true;
        }

        /// <summary>Commands may be refused when chaos has delayed what they depend on; a refusal must leave everything consistent.</summary>
        private async Task<bool> TryCommandAsync(string agentId, string path, object? body = null)
        {
            using var response = await center.Agent(agentId).PostAsync($"/agents/{agentId}/{path}", body);
            // 503 is the one 5xx allowed: Twilio would not take a change the command needed, and nothing was done.
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500 || (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && text.Contains("Twilio")),
                $"{path} answered {(int)response.StatusCode}: {text}");
            if (!response.IsSuccessStatusCode)
            {
                Step($"({path} refused: {(int)response.StatusCode})");
            }

            return response.IsSuccessStatusCode;
        }

        private async Task<FakeCall> RingingAnyAsync(IEnumerable<string> agents)
        {
            var identities = agents.ToHashSet();
            var ringing = await Eventually.Until(
                () => Task.FromResult(Twilio.Read(() => Twilio.Calls.FirstOrDefault(c =>
                    c.ClientIdentity is { } identity && identities.Contains(identity) && c.Status == FakeCallStatus.Ringing && !c.IgnoredByBusyDevice))),
                call => call is not null,
                $"one of {string.Join(", ", identities)} to ring",
                TimeSpan.FromSeconds(20));
            return ringing!;
        }

        private async Task<FakeCall?> TargetRingingOrTransferFailedAsync(string target)
        {
            var settled = await Eventually.Until(
                async () => (Twilio.Read(() => Twilio.CallsTo(target).LastOrDefault(c => c.Status == FakeCallStatus.Ringing && !c.IgnoredByBusyDevice)),
                    (await center.ConferenceAsync(_caller.Sid)).Transfer),
                s => s.Item1 is not null || s.Item2 is null,
                $"{target} to ring or the transfer to fail back");
            return settled.Item1;
        }

        private async Task<FakeCall> LegOfAsync(string agentId) =>
            (await Eventually.Until(
                () => Task.FromResult(Twilio.Read(() => Twilio.CallsTo(agentId).LastOrDefault(c => c.IsLive))),
                leg => leg is not null,
                $"{agentId}'s live leg"))!;

        private bool Chance(double probability) => random.NextDouble() < probability;

        private void Step(string step) => Steps.Add(step);
    }
}
