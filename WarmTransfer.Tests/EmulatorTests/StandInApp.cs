using System.Collections.Concurrent;
using System.Collections.Specialized;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Twilio.Security;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>A tiny app on loopback that answers the emulator with fixed TwiML and records (and verifies) every webhook.</summary>
public sealed class StandInApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, Dictionary<string, string> Form, bool SignatureValid)> _received = new();

    private StandInApp(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First());

    /// <summary>TwiML answered per path; anything else gets an empty 204.</summary>
    public ConcurrentDictionary<string, string> Twiml { get; } = new();

    public IReadOnlyList<(string Path, Dictionary<string, string> Form, bool SignatureValid)> Received => [.. _received];

    public IReadOnlyList<Dictionary<string, string>> Events(string path) => [.. _received.Where(r => r.Path == path).Select(r => r.Form)];

    public static async Task<StandInApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new StandInApp(app);
        app.Run(async context =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
            var fields = form?.ToDictionary(f => f.Key, f => f.Value.ToString()) ?? [];
            var parameters = new NameValueCollection();
            foreach (var (key, value) in fields)
            {
                parameters.Add(key, value);
            }

            var url = $"{standIn.BaseUrl.AbsoluteUri.TrimEnd('/')}{context.Request.Path}{context.Request.QueryString}";
            var valid = new RequestValidator(TestCredentials.AuthToken).Validate(url, parameters, context.Request.Headers["X-Twilio-Signature"].ToString());
            standIn._received.Enqueue((context.Request.Path, fields, valid));
            if (standIn.Twiml.TryGetValue(context.Request.Path, out var twiml))
            {
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync(twiml);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
