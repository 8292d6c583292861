using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Hosting;
using WarmTransfer.Web.Sandbox;

if (PasswordHashCommand.IsRequested(args))
{
    return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
}

try
{
    await WarmTransferApp.Create(args).RunAsync();
}
catch (SandboxRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}

return 0;
