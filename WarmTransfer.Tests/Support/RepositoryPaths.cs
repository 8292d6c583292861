namespace WarmTransfer.Tests.Support;

public static class RepositoryPaths
{
    /// <summary>The folder holding WarmTransfer.sln, found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "WarmTransfer.Web");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WarmTransfer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("WarmTransfer.sln not found above " + AppContext.BaseDirectory);
    }
}
