namespace WarmTransfer.Web.Twilio;

/// <summary>The log category and messages of the Twilio webhooks.</summary>
public sealed partial class TwilioWebhookLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed webhook to {Path}: {Reason}")]
    public static partial void Malformed(ILogger logger, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grains did not answer webhook {Path} for conference {ConferenceId}")]
    public static partial void GrainsFailed(ILogger logger, Exception exception, PathString path, string conferenceId);
}
