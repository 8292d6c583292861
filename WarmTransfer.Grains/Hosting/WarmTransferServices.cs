using Microsoft.Extensions.DependencyInjection;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Grains.Hosting;

public static class WarmTransferServices
{
    /// <summary>Binds and validates (at start-up) the Twilio, WarmTransfer and Orleans sections.</summary>
    public static IServiceCollection AddWarmTransferOptions(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WarmTransferOptions>().BindConfiguration(WarmTransferOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https" && string.IsNullOrEmpty(o.PublicBaseUrl.Query)),
                $"{WarmTransferOptions.Section}:{nameof(WarmTransferOptions.PublicBaseUrl)} must be an absolute http(s) URL without a query, e.g. https://example.ngrok.app")
            .ValidateOnStart();
        services.AddOptions<OrleansHostingOptions>().BindConfiguration(OrleansHostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Grains take Orleans' keyed clock TimeProviderNames.Grains, which also drives their grain timers and falls back to
        // this one; tests replace only that key with a FakeTimeProvider (ClusterFixture), so Orleans' own loops keep real time.
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
