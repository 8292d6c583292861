using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Emulator;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>
/// Whole calls with random agent behaviour while Twilio's callbacks arrive shuffled, doubled and late, over many seeds.
/// After every call: the caller never sat in silence, nobody was rung twice at once, Twilio saw no application error,
/// and once the call is over every leg is down and every agent free.
/// </summary>
public sealed class ChaosScenarioTests : IAsyncLifetime
{
    private const int Seeds = 30;

    private CallCenter _center = null!;
    private FakeTwilio Twilio => _center.Twilio;

    public async Task InitializeAsync() => _center = await CallCenter.StartAsync(configure: settings =>
    {
        settings["environment"] = "Development";
        settings["Agents:DevelopmentSignIn"] = "true";
    });

    public async Task DisposeAsync() => await _center.DisposeAsync();

    [Fact]
    public async Task Calls_keep_their_invariants_whatever_the_order_of_callbacks()
    {
        for (var seed = 1; seed <= Seeds; seed++)
        {
            Twilio.UseChaos(new CallbackChaos(seed));
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
    }

    /// <summary>What the app was last told and answered, to see why a seed failed.</summary>
    private string LastWebhooks() => string.Join("\n", Twilio.Webhooks.TakeLast(25).Select(w =>
        $"{w.Kind} {w.Url} → {w.Status} {string.Join(",", w.Form.Where(p => p.Key is "CallSid" or "CallStatus" or "SequenceNumber" or "Hold").Select(p => $"{p.Key}={p.Value}"))}"));

    /// <summary>One call with three fresh agents and a random script.</summary>
    private sealed class ChaosRun(CallCenter center, Random random, int seed)
    {
        private readonly string[] _agents = [$"a{seed}", $"b{seed}", $"c{seed}"];
        private FakeCall _caller = null!;

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

            var first = await Twilio.RingingAsync(_agents[0]);
            if (Chance(0.25))
            {
                Step($"{_agents[0]} lets it ring out");
                Twilio.TimeOut(first);
                first = await Twilio.RingingAsync(_agents[1]);
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
            var target = handler == _agents[0] ? _agents[1 + random.Next(2)] : _agents[2];
            Step($"{handler} transfers to {target}");
            if (!await TryCommandAsync(handler, "transfer", new TransferRequest(target)))
            {
                return;
            }

            var targetLeg = await Twilio.RingingAsync(target);
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
            if (_caller.IsLive)
            {
                Step("caller hangs up at the end");
                Twilio.HangUp(_caller);
            }

            await center.WaitForPhaseAsync(_caller.Sid, ConferencePhase.Ended);
            await Twilio.WaitUntilAsync(() => Twilio.Calls.Where(c => c.Sid == _caller.Sid || _agents.Contains(c.ClientIdentity)).All(c => !c.IsLive),
                "every leg of the call to be down");
            var heard = Twilio.Read(() => _caller.Heard.Select(h => h.Audio).ToList());
            Assert.True(!heard.Contains(Audio.Silence), $"the caller heard silence: {string.Join(", ", heard)}");
            Assert.Empty(Twilio.Violations);
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
            Twilio.HangUp(_caller);
            await Twilio.QuietAsync();
            return true;
        }

        /// <summary>Commands may be refused when chaos has delayed what they depend on; a refusal must leave everything consistent.</summary>
        private async Task<bool> TryCommandAsync(string agentId, string path, object? body = null)
        {
            using var response = await center.Agent(agentId).PostAsync($"/agents/{agentId}/{path}", body);
            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode)
            {
                Step($"({path} refused: {(int)response.StatusCode})");
            }

            return response.IsSuccessStatusCode;
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
