using System.Collections.Concurrent;
using WarmTransfer.Benchmarks;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Failover;

/// <summary>
/// A real cluster on one machine: redis-server, three WarmTransfer.Silo processes and two web nodes in Client mode, the
/// Twilio emulator posting webhooks to the first node. Agents sign in on the two nodes in turn.
/// </summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    private const string PublicBaseUrl = "https://calls.example.test";

    /// <summary>
    /// Test membership: a peer is evicted after one missed 1 s probe (plus a vote), so calls wait ~2 s for a dead silo's grains.
    /// Production defaults (<c>Orleans:ProbeTimeout</c> 2 s, <c>Orleans:MissedProbesLimit</c> 2) take ~5 s.
    /// </summary>
    private static readonly Dictionary<string, string?> Membership = new()
    {
        ["Orleans:ProbeTimeout"] = "00:00:01",
        ["Orleans:MissedProbesLimit"] = "1",
    };

    private readonly ConcurrentDictionary<string, (AgentSession Session, TestWebHost Node)> _agents = new();

    private int _signIns;

    private FailoverCluster(RedisServer redis, FakeTwilio twilio)
    {
        Redis = redis;
        Twilio = twilio;
    }

    public RedisServer Redis { get; }

    /// <summary>What the web nodes logged (warnings and above), for a failed test to show why a webhook was refused.</summary>
    public CapturedLogs WebLogs { get; } = new();
    public FakeTwilio Twilio { get; }
    public List<SiloProcess> Silos { get; } = [];
    public List<TestWebHost> WebNodes { get; } = [];
    public Uri VoiceUrl { get; } = new($"{PublicBaseUrl}/conference/connect/client");
    public IGrainFactory Grains => WebNodes[0].Grains;

    public static async Task<FailoverCluster> StartAsync(IReadOnlyCollection<string> agents, int silos = 3, int webNodes = 2)
    {
        var cluster = new FailoverCluster(await RedisServer.StartAsync(), await FakeTwilio.StartAsync());
        var shared = cluster.Shared();
        var started = await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => SiloProcess.StartAsync(SiloSettings(shared))));
        cluster.Silos.AddRange(started);
        for (var i = 0; i < webNodes; i++)
        {
            cluster.WebNodes.Add(await TestWebHost.StartAsync(settings =>
            {
                foreach (var (key, value) in shared)
                {
                    settings[key] = value;
                }

                settings["Orleans:Mode"] = "Client";
                foreach (var agent in agents)
                {
                    settings[$"Agents:Accounts:{agent}:PasswordHash"] = TestCredentials.AgentPasswordHash;
                }
            }, builder => builder.Logging.AddProvider(cluster.WebLogs)));
        }

        cluster.Twilio.Tunnel(new Uri(PublicBaseUrl), cluster.WebNodes[0].BaseUrl);
        return cluster;
    }

    /// <summary>Starts one more silo, as a rolling deployment does before stopping an old one.</summary>
    public async Task<SiloProcess> AddSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(SiloSettings(Shared()));
        Silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a web node (not the one Twilio reaches); its agents' browsers go on through the other node with the same cookies.</summary>
    public async Task StopWebNodeAsync(TestWebHost node)
    {
        WebNodes.Remove(node);
        await node.DisposeAsync();
        foreach (var (agentId, (session, at)) in _agents.Where(a => a.Value.Node == node).ToList())
        {
            _agents[agentId] = (new AgentSession(WebNodes[0].CreateClient(session.Cookies), agentId, session.CsrfToken, session.Cookies), WebNodes[0]);
            session.Dispose();
        }
    }

    public (AgentSession Session, TestWebHost Node) Session(string agentId) => _agents[agentId];

    /// <summary>Signs the agent in on a web node (the two in turn) and fetches a Voice token, which makes them available.</summary>
    public async Task ConnectAsync(string agentId)
    {
        var node = WebNodes[Interlocked.Increment(ref _signIns) % WebNodes.Count];
        var session = await AgentSession.SignInAsync(node, agentId);
        await session.ConnectAsync();
        _agents[agentId] = (session, node);
    }

    public Task<HttpResponseMessage> CommandAsync(string agentId, string path, object? body = null) => _agents[agentId].Session.PostAsync($"/agents/{agentId}/{path}", body);

    /// <summary>Reads ride out the failover as webhooks do.</summary>
    public Task<AgentView> AgentAsync(string agentId) => GrainCalls.WithRetryAsync(() => Grains.GetGrain<IAgentGrain>(agentId).GetAsync());

    public Task<ConferenceView> ConferenceAsync(string conferenceId) => GrainCalls.WithRetryAsync(() => Grains.GetGrain<IConferenceGrain>(conferenceId).GetAsync());

    public async Task<AgentSnapshot> SnapshotAsync(string agentId)
    {
        var (session, node) = _agents[agentId];
        return (await session.Client.GetFromJsonAsync<AgentSnapshot>(new Uri(node.BaseUrl, $"/agents/{agentId}"), Json.Options))!;
    }

    /// <summary>Which silo hosts each conference now, from Orleans' management grain (a system grain every cluster has).</summary>
    public async Task<Dictionary<string, SiloProcess>> ConferencePlacementAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString() == "conference")
            .Select(s => (Conference: s.GrainId.Key.ToString()!, Silo: Silos.SingleOrDefault(p => p.SiloPort == s.SiloAddress.Endpoint.Port)))
            .Where(p => p.Silo is not null)
            .ToDictionary(p => p.Conference, p => p.Silo!);
    }

    /// <summary>Whether the cluster's membership no longer counts the silo among the active ones.</summary>
    public async Task<bool> EvictedAsync(SiloProcess silo)
    {
        var hosts = await GrainCalls.WithRetryAsync(() => Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
        return hosts.Keys.All(address => address.Endpoint.Port != silo.SiloPort);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (session, _) in _agents.Values)
        {
            session.Dispose();
        }

        foreach (var node in WebNodes)
        {
            await node.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Twilio.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private Dictionary<string, string?> Shared() => new(Membership)
    {
        ["Orleans:RedisConnectionString"] = Redis.ConnectionString,
        ["Orleans:ClusterId"] = "failover-test",
        ["Twilio:ApiBaseUrl"] = Twilio.ApiBaseUrl.ToString(),
        ["WarmTransfer:PublicBaseUrl"] = PublicBaseUrl,
    };

    private static Dictionary<string, string?> SiloSettings(Dictionary<string, string?> shared) => new(shared)
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["Twilio:AccountSid"] = TestCredentials.AccountSid,
        ["Twilio:AuthToken"] = TestCredentials.AuthToken,
        ["Twilio:CallerId"] = TestCredentials.CallerId,
        // Rings outlast the test: a ringing phone is still ringing when the test comes to answer it.
        ["Twilio:RingTimeoutSeconds"] = "300",
        ["WarmTransfer:UnreportedLegCheck"] = "00:00:02",
        ["WarmTransfer:ReconcileInterval"] = "00:00:05",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
