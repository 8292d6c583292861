using System.Xml.Linq;

namespace WarmTransfer.Tests.Http;

/// <summary>Reads a TwiML answer as XML, checking it is one.</summary>
public static class TwimlDocument
{
    public static async Task<XElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Response", document.Root!.Name.LocalName);
        return document.Root;
    }
}
