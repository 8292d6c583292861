using Xunit.Abstractions;

namespace WarmTransfer.Tests.Support;

/// <summary>
/// Writes the warnings and errors the nodes of a multi-process test logged to the test's output, unless the test says it
/// passed: a failure that depends on timing (a silo stopping in the middle of a call) leaves no other clue.
/// </summary>
public sealed class LogsOnFailure(ITestOutputHelper output, Func<IEnumerable<string>> lines) : IDisposable
{
    private bool _passed;

    public static bool IsWarningOrWorse(string line) =>
        line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)
        || line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);

    public void Passed() => _passed = true;

    public void Dispose()
    {
        if (!_passed)
        {
            foreach (var line in lines())
            {
                output.WriteLine(line);
            }
        }
    }
}
