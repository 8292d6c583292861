using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// The URLs as Twilio sees them. Behind a TLS-terminating proxy (ngrok) the host's own URL differs from the one Twilio
/// called and signed, so WarmTransfer:PublicBaseUrl wins; without it, the request's own scheme and host are used.
/// </summary>
public sealed class PublicUrls(IOptionsMonitor<WarmTransferOptions> options)
{
    private Configured? _configured;

    /// <summary>With a configured public URL, the same <see cref="CallbackUrls"/> for every request until the setting changes.</summary>
    public CallbackUrls For(HttpRequest request)
    {
        if (options.CurrentValue.PublicBaseUrl is not { } publicBaseUrl)
        {
            return new(new Uri($"{request.Scheme}://{request.Host}{request.PathBase}"));
        }

        var configured = _configured;
        if (configured is null || !ReferenceEquals(configured.PublicBaseUrl, publicBaseUrl))
        {
            _configured = configured = new Configured(publicBaseUrl, new CallbackUrls(publicBaseUrl));
        }

        return configured.Urls;
    }

    /// <summary>The full URL Twilio requested (and signed): public base + path + query.</summary>
    public string RequestedUrl(HttpRequest request) => For(request).At($"{request.Path}{request.QueryString}").AbsoluteUri;

    private sealed record Configured(Uri PublicBaseUrl, CallbackUrls Urls);
}
