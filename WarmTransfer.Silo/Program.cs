using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Logging;
using WarmTransfer.Grains.Telemetry;

// HTTP only for operators: /metrics (Telemetry:Prometheus) and /dashboard (Dashboard:Enabled, loopback only), on
// the URLs given by --urls (by default a free port on loopback).
var builder = WebApplication.CreateBuilder(args);
builder.AddBatchedConsoleLogging();
builder.UseOrleans(silo => silo.AddWarmTransferSilo(builder.Configuration));
builder.AddWarmTransferTelemetry("WarmTransfer.Silo");
var app = builder.Build();
app.UsePrometheusScraping();
app.MapLoopbackDashboard();
app.Run();
