using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// Runs the rules and their effects, for the grain and for the rules tests alike: an input is decided, the effects it
/// asks for join the state's outbox, and the outbox is carried out in order, each effect's results decided in turn.
/// Nothing leaves the grain before the state that asked for it is stored: the state is stored before each effect is
/// carried out and before the loop hands back, whenever something since the last store must be (<see cref="MustBeStored"/>).
/// </summary>
public sealed class ConferenceLoop(
    Func<ConferenceState> read,
    Action<ConferenceState> write,
    Func<Task> store,
    Func<ConferenceEffect, ConferenceState, Task<IReadOnlyList<ConferenceInput>>> carryOut,
    Func<DateTimeOffset> now)
{
    /// <summary>A guard against rules that feed each other forever; a real call needs a few dozen effects at most.</summary>
    private const int MaxEffectsPerDrain = 1000;

    /// <summary>A change since the last store must be stored before anything leaves the grain.</summary>
    private bool _storeDue;

    /// <summary>Decides the input and carries out everything that is pending.</summary>
    public async Task<LoopOutcome> RunAsync(ConferenceInput input)
    {
        var decided = Decide(input);
        return decided.Then(await DrainAsync());
    }

    /// <summary>Decides the input and stores the result with its effects still to do (a webhook answered before Twilio's REST API is called).</summary>
    public async Task<LoopOutcome> DecideAsync(ConferenceInput input)
    {
        var outcome = Decide(input);
        await StoreIfDueAsync();
        return outcome;
    }

    /// <summary>Carries out the outbox in order; each effect's results are decided before the next effect runs, and stored before anything leaves the grain.</summary>
    public async Task<LoopOutcome> DrainAsync()
    {
        var outcome = LoopOutcome.Accepted;
        for (var done = 0; read().Outbox.Count > 0; done++)
        {
            if (done == MaxEffectsPerDrain)
            {
                throw new InvalidOperationException($"The conference rules asked for more than {MaxEffectsPerDrain} effects in a row; they feed each other.");
            }

            var state = read();
            var effect = state.Outbox[0];
            if (effect is DialAgent { AttemptedAt: null } dial)
            {
                // The intent is stored before the call is placed, so a later activation knows to ask Twilio before placing it again.
                state = state with { Outbox = state.Outbox.SetItem(0, dial with { AttemptedAt = now() }) };
                write(state);
                _storeDue = true;
            }

            await StoreIfDueAsync();
            var results = await carryOut(effect, state);
            var next = state with { Outbox = state.Outbox.RemoveAt(0) };
            var mustStore = effect is DialAgent;
            foreach (var result in results)
            {
                var (decided, resultOutcome, resultMustStore) = Apply(next, result);
                outcome = outcome.Then(resultOutcome);
                mustStore |= resultMustStore;
                next = decided;
            }

            // Popping a repeatable effect need not be stored at once (it goes with the next store); a placed call must never be placed twice.
            write(next);
            _storeDue |= mustStore;
        }

        await StoreIfDueAsync();
        return outcome;
    }

    /// <summary>
    /// What Twilio only reported (a callback, a REST read or answer) and that asks for nothing waits for the next store:
    /// lost with its activation, it is a lost callback, which the grain's checks with Twilio's REST API repair anyway.
    /// What we decided (an agent's command, a caller's admission, an effect's result, anything asking for effects) is stored first.
    /// </summary>
    private static bool MustBeStored(ConferenceInput input, Decision decision) =>
        !decision.Effects.IsEmpty || input is not (ConferenceEventReceived or CallStatusReceived or ParticipantObserved or ParticipantsListed);

    private LoopOutcome Decide(ConferenceInput input)
    {
        var before = read();
        var (after, outcome, mustStore) = Apply(before, input);
        if (!ReferenceEquals(after, before))
        {
            write(after);
            _storeDue |= mustStore;
        }

        return outcome;
    }

    /// <summary>The state after the input with its effects queued, and whether that change must be stored before anything leaves.</summary>
    private (ConferenceState After, LoopOutcome Outcome, bool MustStore) Apply(ConferenceState before, ConferenceInput input)
    {
        var decision = ConferenceRules.Decide(before, input, now());
        var after = WithEffects(decision);
        return (after, LoopOutcome.Of(decision), !ReferenceEquals(after, before) && MustBeStored(input, decision));
    }

    private async Task StoreIfDueAsync()
    {
        if (_storeDue)
        {
            _storeDue = false;
            await store();
        }
    }

    private static ConferenceState WithEffects(Decision decision) =>
        decision.Effects.IsEmpty ? decision.State : decision.State with { Outbox = decision.State.Outbox.AddRange(decision.Effects) };
}
