using Twilio.TwiML;

namespace WarmTransfer.Web.Twilio;

public static class TwimlResults
{
    public static TwimlResult Xml(VoiceResponse response) => new(response);
}
