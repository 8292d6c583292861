using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>
/// Random input sequences through the pure rules and the grain's loop — Twilio's callbacks stale, repeated, reordered and
/// from old conferences, agents' commands at any moment, Twilio refusing effects — with the invariants checked after every
/// step, and at the end, once Twilio reports every leg over, every agent released.
/// </summary>
[Trait("Tier", Tier.Rules)]
public sealed class ConferenceRulesFuzzTests
{
    private const int Sequences = 10_000;
    private const int StepsPerSequence = 40;

    private static readonly string[] Agents = ["ann", "ben", "cat"];
    private static readonly string[] LeaveReasons =
        ["participant_hung_up", "conference_ended_via_api", "moderator_ended_conference", "participant_updated_via_api", "participant_add_failed"];

    [Fact]
    public void Random_sequences_keep_every_invariant_and_free_every_agent()
    {
        for (var seed = 1; seed <= Sequences; seed++)
        {
            var run = new FuzzRun(seed);
            try
            {
                run.Play();
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Seed {seed} failed after:\n  {string.Join("\n  ", run.Steps.TakeLast(15))}\n{ex.Message}");
            }
        }
    }

    private sealed class FuzzRun(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly RulesDriver _driver = new(Agents) { ReleasedAgentsReturn = true };
        private readonly List<string> _conferenceSids = [Sid.Conference()];
        private int _sequence;

        public List<string> Steps { get; } = [];

        public void Play()
        {
            _driver.Fail = effect => effect switch
            {
                AcquireAgent or ReserveTransferTarget when Chance(0.05) => "refused",
                DialAgent or SetHold or SetEndConferenceOnExit or HangUpLeg or CheckCall when Chance(0.1) => "Twilio answered 503",
                _ => null,
            };
            Send(new CallerArrived(new IncomingCall(_driver.CallerSid, "+15550001111", "+15559990000")));
            for (var step = 0; step < StepsPerSequence; step++)
            {
                Send(RandomInput());
            }

            // Twilio reports every leg over, and nothing fails any more: every agent must then be free.
            _driver.Fail = _ => null;
            Send(new CallStatusReceived(new CallStatusReport(_driver.CallerSid, CallStatus.Completed)));
            foreach (var leg in _driver.State.Participants.Where(p => !p.CallOver).ToList())
            {
                Send(new CallStatusReceived(new CallStatusReport(leg.CallSid, CallStatus.Completed)));
            }

            Assert.Equal(ConferencePhase.Ended, _driver.State.Phase);
            Assert.True(_driver.Reserved.Count == 0, $"still held: {string.Join(", ", _driver.Reserved)}");
            Assert.All(_driver.State.Participants, p => Assert.Null(p.ReleaseWhenOver));
        }

        private void Send(ConferenceInput input)
        {
            Steps.Add(Describe(input));
            _driver.Send(input);
            var broken = ConferenceInvariants.Broken(_driver.State);
            Assert.True(broken.Count == 0, $"broken: {string.Join("; ", broken)}\nstate: {Describe(_driver.State)}");
            Assert.True(_driver.Violations.Count == 0, string.Join("; ", _driver.Violations));
        }

        private ConferenceInput RandomInput()
        {
            var state = _driver.State;
            var leg = state.Participants.IsEmpty ? null : state.Participants[_random.Next(state.Participants.Count)];
            var callSid = leg?.CallSid ?? _driver.CallerSid;
            var agent = Pick(Agents);
            var transferer = state.Transfer?.TransfererId ?? state.HandlingAgentId ?? agent;
            return _random.Next(17) switch
            {
                0 => new CallStatusReceived(new CallStatusReport(callSid, Pick(Enum.GetValues<CallStatus>()))),
                1 or 2 => Event(ConferenceEventKind.ParticipantJoin, callSid, hold: false, leg?.EndConferenceOnExit ?? false),
                3 => Event(ConferenceEventKind.ParticipantLeave, callSid, reason: Pick(LeaveReasons)),
                4 => Event(Chance(0.5) ? ConferenceEventKind.ParticipantHold : ConferenceEventKind.ParticipantUnhold, _driver.CallerSid),
                5 => Event(ConferenceEventKind.ParticipantModify, callSid, hold: leg?.OnHold, endConferenceOnExit: Chance(0.5)),
                6 => Event(ConferenceEventKind.ConferenceEnd, null),
                7 => new StartTransfer(transferer, Chance(0.3) ? null : agent),
                8 => new JoinThreeWay(transferer),
                9 => new CompleteTransfer(transferer),
                10 => new CancelTransfer(transferer),
                11 => new HoldCaller(transferer, Chance(0.5)),
                12 => new HangUp(Chance(0.7) ? transferer : agent),
                13 when leg?.AgentId is { } legAgent => new AgentAnswered(legAgent, leg.CallSid),
                14 => new AgentMayBeAvailable(),
                15 => new ParticipantsListed(CurrentConferenceSid(), [.. state.Participants.Where(_ => Chance(0.6))
                    .Select(p => new ParticipantSnapshot(p.CallSid, Chance(0.5) ? p.OnHold : !p.OnHold, Chance(0.7) ? p.EndConferenceOnExit : !p.EndConferenceOnExit))]),
                16 => Chance(0.5) ? new CallerReturned() : new AgentCheckingIn(agent),
                _ => new CallStatusReceived(new CallStatusReport(callSid, CallStatus.InProgress)),
            };
        }

        /// <summary>Mostly the newest sequence number of the live conference; sometimes a stale one, or an old conference's.</summary>
        private ConferenceEventReceived Event(ConferenceEventKind kind, string? callSid, bool? hold = null, bool? endConferenceOnExit = null, string? reason = null)
        {
            if (kind == ConferenceEventKind.ConferenceEnd || Chance(0.05))
            {
                _conferenceSids.Add(Sid.Conference());
            }

            var sequence = Chance(0.15) ? Math.Max(1, _sequence - _random.Next(4)) : ++_sequence;
            var conferenceSid = Chance(0.1) ? Pick(_conferenceSids.ToArray()) : CurrentConferenceSid();
            return new ConferenceEventReceived(new ConferenceEvent(kind, conferenceSid, sequence, callSid, hold, endConferenceOnExit,
                kind == ConferenceEventKind.ParticipantLeave ? reason : null));
        }

        private string CurrentConferenceSid() => _driver.State.ConferenceSid ?? _conferenceSids[^1];

        private bool Chance(double probability) => _random.NextDouble() < probability;

        private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

        private static string Describe(ConferenceInput input) => input switch
        {
            ConferenceEventReceived e => $"{e.Event.Kind} {e.Event.CallSid?[^4..]} seq {e.Event.SequenceNumber} hold {e.Event.Hold} eceo {e.Event.EndConferenceOnExit} {e.Event.ReasonParticipantLeft}",
            CallStatusReceived s => $"status {s.Report.CallSid[^4..]} {s.Report.Status}",
            ParticipantsListed l => $"listed {string.Join(",", l.Participants.Select(p => $"{p.CallSid[^4..]}:{p.Hold}/{p.EndConferenceOnExit}"))}",
            _ => input.ToString(),
        };

        private static string Describe(ConferenceState state) =>
            $"{state.Phase} handler {state.HandlingAgentId} hold {state.CallerHoldRequested} transfer {state.Transfer} legs "
            + string.Join(" | ", state.Participants.Select(p => $"{p.CallSid[^4..]} {p.Role} {p.AgentId} {p.State} over {p.CallOver} eceo {p.EndConferenceOnExit}/{p.TwilioEndConferenceOnExit} held {p.OnHold}"));
    }
}
