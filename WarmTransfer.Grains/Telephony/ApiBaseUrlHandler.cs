namespace WarmTransfer.Grains.Telephony;

/// <summary>Sends the Twilio SDK's requests (always to https://api.twilio.com) to the configured API base URL instead.</summary>
public sealed class ApiBaseUrlHandler(Uri apiBaseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            var rewritten = new UriBuilder(uri)
            {
                Scheme = apiBaseUrl.Scheme,
                Host = apiBaseUrl.Host,
                Port = apiBaseUrl.Port,
                Path = apiBaseUrl.AbsolutePath.TrimEnd('/') + uri.AbsolutePath,
            };
            request.RequestUri = rewritten.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
