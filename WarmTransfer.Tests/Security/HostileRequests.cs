using System.Net.Http.Headers;
using System.Text;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Security;

/// <summary>Builds requests with exactly the headers and bodies a hostile client chooses, which HttpClient would otherwise tidy up.</summary>
public static class HostileRequests
{
    /// <summary>A body with a Content-Type header sent as written (HttpClient would refuse or rewrite a bad charset).</summary>
    public static HttpContent Body(string body, string contentType) => Body(Encoding.UTF8.GetBytes(body), contentType);

    public static HttpContent Body(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static string UrlEncoded(IEnumerable<KeyValuePair<string, string>> form) =>
        string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>A multipart form whose text parts declare the given charset.</summary>
    public static HttpContent Multipart(IEnumerable<KeyValuePair<string, string>> form, string partContentType)
    {
        var multipart = new MultipartFormDataContent("hostile-boundary");
        foreach (var (key, value) in form)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            part.Headers.TryAddWithoutValidation("Content-Type", partContentType);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{key}\"" };
            multipart.Add(part);
        }

        return multipart;
    }

    /// <summary>A webhook signed by Twilio's rules over the form the server will parse, whatever its body looks like on the wire.</summary>
    public static HttpRequestMessage SignedWebhook(TestWebHost host, string path, IReadOnlyDictionary<string, string> signedForm, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, path)) { Content = content };
        request.Headers.Add(TwilioSignatureFilter.SignatureHeader, TwilioSignature.Compute(TestCredentials.AuthToken, new Uri(host.PublicBaseUrl, path).AbsoluteUri, signedForm));
        return request;
    }

    /// <summary>A request as the signed-in agent's browser would send it, CSRF token included.</summary>
    public static HttpRequestMessage AsAgent(AgentSession agent, HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(CsrfFilter.HeaderName, agent.CsrfToken);
        return request;
    }
}
