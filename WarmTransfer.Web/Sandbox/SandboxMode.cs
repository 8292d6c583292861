using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Sandbox;

/// <summary>
/// Whether the web host runs the Twilio emulator beside itself: when asked (WarmTransfer:Sandbox=true), or in Development
/// with no Twilio credentials and an embedded silo; never when told not to (false), and never in Production or as a cluster
/// client, where asking for it stops start-up.
/// </summary>
public static class SandboxMode
{
    public const string Key = "WarmTransfer:Sandbox";

    public static bool IsWanted(IConfiguration configuration, IHostEnvironment environment)
    {
        var asked = configuration.GetValue<bool?>(Key);
        if (asked == true && environment.IsProduction())
        {
            throw new SandboxRefusedException(
                $"{Key}=true is refused in the Production environment: the sandbox simulates every call and must never answer real ones.");
        }

        var embedded = configuration.GetValue($"{OrleansHostingOptions.Section}:{nameof(OrleansHostingOptions.Mode)}", OrleansMode.Embedded) == OrleansMode.Embedded;
        if (asked == true && !embedded)
        {
            throw new SandboxRefusedException(
                $"{Key}=true needs Orleans:Mode=Embedded: in a cluster the silos place the calls, and they cannot reach this process's emulator.");
        }

        return asked ?? (environment.IsDevelopment() && embedded && HasNoCredentials(configuration));
    }

    private static bool HasNoCredentials(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{TwilioOptions.Section}:{nameof(TwilioOptions.AccountSid)}"])
        && string.IsNullOrWhiteSpace(configuration[$"{TwilioOptions.Section}:{nameof(TwilioOptions.AuthToken)}"]);
}
