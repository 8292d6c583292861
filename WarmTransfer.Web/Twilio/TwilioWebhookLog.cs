namespace WarmTransfer.Web.Twilio;

/// <summary>The log category and messages of the Twilio webhooks.</summary>
public sealed partial class TwilioWebhookLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Grains did not answer webhook {Path} for conference {ConferenceId}")]
    public static partial void GrainsFailed(ILogger logger, Exception exception, PathString path, string conferenceId);
}
