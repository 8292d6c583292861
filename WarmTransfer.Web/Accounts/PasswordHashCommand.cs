namespace WarmTransfer.Web.Accounts;

/// <summary>`dotnet run --project WarmTransfer.Web -- hash-password`: reads a password from standard input and prints its hash.</summary>
public static class PasswordHashCommand
{
    public static bool IsRequested(string[] args) => args is ["hash-password", ..];

    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        if (!Console.IsInputRedirected)
        {
            error.Write("Password: ");
        }

        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("No password given.");
            return 1;
        }

        output.WriteLine(PasswordHashes.Hash(password));
        return 0;
    }
}
