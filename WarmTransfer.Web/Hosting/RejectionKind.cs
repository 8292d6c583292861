namespace WarmTransfer.Web.Hosting;

/// <summary>Why a client's request was refused; a fixed set, so counting them per kind takes fixed memory.</summary>
public enum RejectionKind
{
    /// <summary>A body in a charset we do not read, or a content type the route does not take.</summary>
    UnsupportedBody,

    /// <summary>A body that could not be read: too big, too many fields, malformed, cut off.</summary>
    UnreadableBody,

    UnsignedWebhook,
    ForgedWebhook,

    /// <summary>Signed by Twilio, but not what Twilio sends (a bad CallSid, an unknown status).</summary>
    MalformedWebhook,

    MissingCsrfToken,

    /// <summary>A signed-in agent asking about another agent, or naming an invalid agent id.</summary>
    WrongAgent,
}
