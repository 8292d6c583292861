namespace WarmTransfer.Tests.Support;

/// <summary>
/// A system tool the tests use is not installed: the test fails with one line naming the install command. It carries no
/// stack trace, since where the check failed tells nothing the line does not.
/// </summary>
public sealed class MissingTool(string message) : Exception(message)
{
    public override string? StackTrace => null;

    /// <summary>Fails unless the program is at <paramref name="path"/> (absolute) or on the PATH.</summary>
    public static void Require(string program, string package, string? path = null)
    {
        if (path is not null ? File.Exists(path) : OnPath(program))
        {
            return;
        }

        throw new MissingTool($"{program} is not installed: sudo apt-get install {package} (bash .ci/install-test-tools installs every tool the tests use).");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
