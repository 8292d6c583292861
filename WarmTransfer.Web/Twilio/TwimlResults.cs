using Twilio.TwiML;

namespace WarmTransfer.Web.Twilio;

public static class TwimlResults
{
    public static ContentHttpResult Xml(VoiceResponse response) => TypedResults.Text(response.ToString(), "application/xml");
}
