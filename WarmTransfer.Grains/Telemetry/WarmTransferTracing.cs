using System.Diagnostics;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>The "WarmTransfer" activity source: one span per Twilio REST operation, around its retries and HTTP requests.</summary>
public static class WarmTransferTracing
{
    public const string SourceName = "WarmTransfer";

    public static readonly ActivitySource Source = new(SourceName);
}
