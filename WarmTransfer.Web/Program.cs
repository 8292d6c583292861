using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Hosting;

if (PasswordHashCommand.IsRequested(args))
{
    return PasswordHashCommand.Run(Console.In, Console.Out, Console.Error);
}

await WarmTransferApp.Create(args).RunAsync();
return 0;
