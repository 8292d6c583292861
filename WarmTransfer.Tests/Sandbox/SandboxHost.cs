using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Sandbox;

/// <summary>The web host as a newcomer starts it: Development, no Twilio settings and no public URL at all.</summary>
public static class SandboxHost
{
    public static Task<TestWebHost> StartAsync(string environment = "Development", Action<Dictionary<string, string?>>? configure = null) =>
        TestWebHost.StartAsync(settings =>
        {
            settings["environment"] = environment;
            foreach (var key in settings.Keys.Where(k => k.StartsWith("Twilio:", StringComparison.Ordinal)).ToList())
            {
                settings[key] = null;
            }

            settings["WarmTransfer:PublicBaseUrl"] = null;
            configure?.Invoke(settings);
        });
}
