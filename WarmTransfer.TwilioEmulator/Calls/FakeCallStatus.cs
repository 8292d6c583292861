namespace WarmTransfer.TwilioEmulator;

/// <summary>Twilio's call statuses with their wire names.</summary>
public static class FakeCallStatus
{
    public const string Queued = "queued";
    public const string Initiated = "initiated";
    public const string Ringing = "ringing";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Busy = "busy";
    public const string NoAnswer = "no-answer";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static bool IsFinal(string status) => status is Completed or Busy or NoAnswer or Failed or Canceled;
}
