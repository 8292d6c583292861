using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Hosting;
using WarmTransfer.Web.Twilio;

if (PasswordHashCommand.IsRequested(args))
{
    return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddWarmTransferWeb();

var app = builder.Build();
app.UseWarmTransferPipeline();
app.MapTwilioWebhooks();
app.MapAccountApi();
app.MapAgentApi();
app.Run();
return 0;
