using WarmTransfer.Grains.Telephony;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Web.Sandbox;

public static class SandboxHosting
{
    /// <summary>In sandbox mode, starts the Twilio emulator on loopback and points the Twilio settings at it (they win over any others).</summary>
    public static WebApplicationBuilder AddWarmTransferSandbox(this WebApplicationBuilder builder)
    {
        if (!SandboxMode.IsWanted(builder.Configuration, builder.Environment))
        {
            return builder;
        }

        // Start-up code, before the host runs: the emulator's address must be known before the Twilio settings are read.
        var twilio = FakeTwilio.StartAsync().GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{TwilioOptions.Section}:{nameof(TwilioOptions.ApiBaseUrl)}"] = twilio.ApiBaseUrl.ToString(),
            [$"{TwilioOptions.Section}:{nameof(TwilioOptions.AccountSid)}"] = EmulatorAccount.AccountSid,
            [$"{TwilioOptions.Section}:{nameof(TwilioOptions.AuthToken)}"] = EmulatorAccount.AuthToken,
            [$"{TwilioOptions.Section}:{nameof(TwilioOptions.ApiKeySid)}"] = EmulatorAccount.ApiKeySid,
            [$"{TwilioOptions.Section}:{nameof(TwilioOptions.ApiKeySecret)}"] = EmulatorAccount.ApiKeySecret,
            [$"{TwilioOptions.Section}:{nameof(TwilioOptions.CallerId)}"] = EmulatorAccount.PhoneNumber,
            [$"{WarmTransferOptions.Section}:{nameof(WarmTransferOptions.PublicBaseUrl)}"] = SandboxTwilio.PublicBaseUrl.ToString(),
        });
        builder.Services.AddSingleton(_ => new SandboxTwilio(twilio));
        builder.Services.AddSingleton<SandboxCallers>();
        builder.Services.AddHostedService<SandboxTunnel>();
        return builder;
    }
}
