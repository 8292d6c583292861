using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Twilio;

/// <summary>What every webhook handler needs, bound with [AsParameters].</summary>
public readonly record struct WebhookServices(
    HttpRequest Request,
    IGrainFactory Grains,
    PublicUrls Urls,
    IOptionsMonitor<WarmTransferOptions> Options,
    ILogger<TwilioWebhookLog> Log,
    RejectionLog Rejections,
    LostCallbackRepair Repair)
{
    public Grains.Telephony.CallbackUrls CallbackUrls => Urls.For(Request);
}
