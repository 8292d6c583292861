using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telemetry;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class TransferOutcomeTests
{
    private const string TargetLeg = "CA_target";

    private static readonly ConferenceState Talking = new() { Phase = ConferencePhase.Connected, HandlingAgentId = "alice" };

    private static readonly ConferenceState Transferring = Talking with
    {
        Phase = ConferencePhase.Transferring,
        Transfer = new TransferState("alice", "bob", TargetLeg, false),
    };

    [Fact]
    public void A_transfer_appearing_is_started_and_one_going_to_its_target_is_completed()
    {
        Assert.Equal(new TransferOutcome(true, false, null), TransferOutcome.Between(Talking, Transferring, null));
        Assert.Equal(new TransferOutcome(false, true, null), TransferOutcome.Between(Transferring, Talking with { HandlingAgentId = "bob" }, null));
        Assert.Equal(TransferOutcome.None, TransferOutcome.Between(Transferring, Transferring with { Phase = ConferencePhase.Consulting }, null));
        Assert.Equal(TransferOutcome.None, TransferOutcome.Between(Talking, Talking, null));
    }

    [Theory]
    [InlineData(CallStatus.NoAnswer, "no_answer")]
    [InlineData(CallStatus.Busy, "busy")]
    [InlineData(CallStatus.Failed, "unreachable")]
    [InlineData(CallStatus.Completed, "target_hung_up")]
    public void A_target_leg_that_ended_names_the_failure(CallStatus status, string reason)
    {
        var back = Talking.With(Target(status, callOver: true));

        Assert.Equal(reason, TransferOutcome.Between(Transferring, back, null).FailureReason);
    }

    [Fact]
    public void A_cancel_an_ended_call_and_a_target_never_placed_have_their_own_reasons()
    {
        Assert.Equal("cancelled", TransferOutcome.Between(Transferring, Talking.With(Target(CallStatus.Ringing, false)), new ConferenceInput.CancelTransfer("alice")).FailureReason);
        Assert.Equal("call_ended", TransferOutcome.Between(Transferring, Talking with { Phase = ConferencePhase.Ended, HandlingAgentId = null }, null).FailureReason);
        Assert.Equal("not_started", TransferOutcome.Between(Transferring with { Transfer = Transferring.Transfer! with { TargetCallSid = null } }, Talking, null).FailureReason);
    }

    private static Participant Target(CallStatus status, bool callOver) =>
        new(TargetLeg, ParticipantRole.TransferTarget, "bob", ParticipantState.Left, false, false, status, 1) { CallOver = callOver };
}
