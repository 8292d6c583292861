using System.Text;
using System.Xml.Linq;
using Twilio.TwiML;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Rules)]
public sealed class TwimlWritersTests
{
    private static readonly CallbackUrls Urls = new(new Uri("https://example.test/base"));

    [Fact]
    public void A_threads_writer_writes_each_document_whole_even_after_a_write_that_failed()
    {
        var first = Twiml.CallerJoins(new CallerAdmission(true, "CA" + new string('a', 32), null), Urls).ToXDocument();
        var second = Twiml.CallerJoins(new CallerAdmission(true, "CA" + new string('b', 32), null), Urls).ToXDocument();

        var firstText = Written(first);
        Assert.ThrowsAny<NotSupportedException>(() => TwimlWriters.Write(second, new MemoryStream([], writable: false)));
        var secondText = Written(second);

        Assert.Equal(Written(first), firstText);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Response>", secondText);
        Assert.True(XNode.DeepEquals(second, XDocument.Parse(secondText)), secondText);
        Assert.DoesNotContain('a' + new string('a', 31), secondText);
    }

    [Fact]
    public void Text_is_written_as_given_line_breaks_included()
    {
        var response = new VoiceResponse();
        response.Say("All agents are busy <&> \"still\"\r\nPlease hold, é 😀");

        var text = Written(response.ToXDocument());

        Assert.Equal("All agents are busy <&> \"still\"\r\nPlease hold, é 😀", XDocument.Parse(text).Root!.Element("Say")!.Value);
    }

    private static string Written(XDocument document)
    {
        var output = new MemoryStream();
        TwimlWriters.Write(document, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
