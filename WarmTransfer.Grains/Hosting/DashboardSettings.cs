namespace WarmTransfer.Grains.Hosting;

/// <summary>Configuration section "Dashboard": the Orleans Dashboard on silos, shown at /dashboard to operators only.</summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    public const string Path = "/dashboard";

    /// <summary>Set the same on every silo and web node: each silo then collects the dashboard's figures.</summary>
    public bool Enabled { get; set; }

    /// <summary>On web nodes: the agent ids who, once signed in, may open the dashboard.</summary>
    public List<string> Operators { get; set; } = [];

    public static DashboardSettings From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<DashboardSettings>(configuration.GetSection(Section)) ?? new DashboardSettings();
}
