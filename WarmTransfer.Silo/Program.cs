using WarmTransfer.Grains.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddWarmTransferSilo(builder.Configuration));
builder.Build().Run();
