using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// Runs the rules and their effects, for the grain and for the rules tests alike: an input is decided, the effects it
/// asks for join the state's outbox, and the state is stored; then the outbox is carried out in order, each effect's
/// results decided in turn. Nothing leaves the grain before the state that asked for it is stored.
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

    /// <summary>Decides the input and carries out everything that is pending.</summary>
    public async Task<LoopOutcome> RunAsync(ConferenceInput input)
    {
        var decided = await DecideAsync(input);
        return decided.Then(await DrainAsync());
    }

    /// <summary>Decides the input and stores the result with its effects still to do (a webhook answered before Twilio's REST API is called).</summary>
    public async Task<LoopOutcome> DecideAsync(ConferenceInput input)
    {
        var before = read();
        var decision = ConferenceRules.Decide(before, input, now());
        var after = WithEffects(decision);
        if (!ReferenceEquals(after, before))
        {
            write(after);
            await store();
        }

        return LoopOutcome.Of(decision);
    }

    /// <summary>Carries out the outbox in order; each effect's results are decided (and stored) before the next effect runs.</summary>
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
                await store();
            }

            var results = await carryOut(effect, state);
            var popped = state with { Outbox = state.Outbox.RemoveAt(0) };
            var next = popped;
            foreach (var result in results)
            {
                var decision = ConferenceRules.Decide(next, result, now());
                outcome = outcome.Then(LoopOutcome.Of(decision));
                next = WithEffects(decision);
            }

            write(next);
            // Popping a repeatable effect need not be stored at once (it goes with the next write); a placed call must never be placed twice.
            if (!ReferenceEquals(next, popped) || effect is DialAgent)
            {
                await store();
            }
        }

        return outcome;
    }

    private static ConferenceState WithEffects(Decision decision) =>
        decision.Effects.IsEmpty ? decision.State : decision.State with { Outbox = decision.State.Outbox.AddRange(decision.Effects) };
}
