using System.Text;
using System.Xml.Linq;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Rules)]
public sealed class TwimlResultTests
{
    [Fact]
    public async Task The_answer_is_the_SDKs_document_in_UTF8_with_its_length()
    {
        var twiml = Twiml.CallerJoins(new CallerAdmission(true, "CA" + new string('a', 32), null), new CallbackUrls(new Uri("https://example.test/base")));
        var http = new DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;

        await TwimlResults.Xml(twiml).ExecuteAsync(http);

        var bytes = body.ToArray();
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", http.Response.ContentType);
        Assert.Equal(bytes.Length, http.Response.ContentLength);
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response>", text);
        Assert.True(XNode.DeepEquals(XDocument.Parse(twiml.ToString()), XDocument.Parse(text)), text);
    }
}
