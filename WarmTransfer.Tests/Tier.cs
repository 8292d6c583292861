namespace WarmTransfer.Tests;

/// <summary>
/// Test tiers, as the xunit trait "Tier": `dotnet test --filter Tier=Rules` runs the pure rules in seconds;
/// `--filter "Tier!=Browser&amp;Tier!=Cluster"` leaves out the tiers that start Chromium or separate processes.
/// </summary>
public static class Tier
{
    /// <summary>Pure functions: transfer rules, routing, invariants, fuzzing. No host, no I/O.</summary>
    public const string Rules = "Rules";

    /// <summary>Grains in an in-process Orleans test cluster with a recording telephony port.</summary>
    public const string Grains = "Grains";

    /// <summary>A real web host on 127.0.0.1 (and the Twilio emulator): routes, security, health, telemetry, the emulator itself.</summary>
    public const string Http = "Http";

    /// <summary>Whole calls through the web host and the emulator, as agents and Twilio would drive them.</summary>
    public const string Scenarios = "Scenarios";

    /// <summary>The console and the sandbox pages in Debian's Chromium.</summary>
    public const string Browser = "Browser";

    /// <summary>Separate silo and web processes on a real redis-server: clustering, fail-over, rolling restarts.</summary>
    public const string Cluster = "Cluster";
}
