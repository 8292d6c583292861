namespace WarmTransfer.Tests.Support;

public static class RepositoryPaths
{
    /// <summary>The folder holding WarmTransfer.sln, found from the test binaries upwards.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "WarmTransfer.Web");

    /// <summary>A project's own build output, in the configuration the tests were built in (bin/Debug/net10.0 or bin/Release/net10.0).</summary>
    public static string BuiltAssembly(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(Root, project, "bin", output.Parent!.Name, output.Name, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built", path);
    }

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
