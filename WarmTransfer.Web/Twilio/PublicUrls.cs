using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// The URLs as Twilio sees them. Behind a TLS-terminating proxy (ngrok) the host's own URL differs from the one Twilio
/// called and signed, so WarmTransfer:PublicBaseUrl wins; without it, the request's own scheme and host are used.
/// </summary>
public sealed class PublicUrls(IOptionsMonitor<WarmTransferOptions> options)
{
    public CallbackUrls For(HttpRequest request) => new(options.CurrentValue.PublicBaseUrl ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}"));

    /// <summary>The full URL Twilio requested (and signed): public base + path + query.</summary>
    public string RequestedUrl(HttpRequest request) => For(request).At($"{request.Path}{request.QueryString}").AbsoluteUri;
}
