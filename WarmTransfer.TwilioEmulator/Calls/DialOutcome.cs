namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// The DialCallStatus a &lt;Dial&gt;&lt;Conference&gt; reports to its action URL. Twilio, "TwiML Voice: &lt;Dial&gt;",
/// https://www.twilio.com/docs/voice/twiml/dial, DialCallStatus: "answered: When calling a conference, the called party answered
/// the call and was connected to the caller"; "failed" is one of the listed values.
/// </summary>
internal enum DialOutcome
{
    Answered,
    Failed,
}
