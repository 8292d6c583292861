using WarmTransfer.Benchmarks;

namespace WarmTransfer.Tests.Benchmarks;

/// <summary>The benchmark's command line: what it takes, and what it refuses with the option named.</summary>
[Trait("Tier", Tier.Rules)]
public sealed class BenchmarkOptionsTests
{
    [Fact]
    public void Options_given_replace_the_defaults()
    {
        var options = BenchmarkOptions.Parse(["--workloads", "1,3", "--in-flight", "16,500", "--duration", "2.5", "--passes", "3",
            "--agents", "40", "--rate", "10", "--calls-warmup", "0", "--log-level", "warning", "--out", "r.json"]);

        Assert.Equal(new HashSet<int> { 1, 3 }, options.Workloads);
        Assert.Equal([16, 500], options.InFlight);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Duration);
        Assert.Equal(3, options.Passes);
        Assert.Equal(40, options.Agents);
        Assert.Equal(10, options.CallersPerSecond);
        Assert.Equal(TimeSpan.Zero, options.WholeCallsWarmUp);
        Assert.Equal("Warning", options.LogLevel);
        Assert.Equal("r.json", options.Output);
    }

    [Fact]
    public void Smoke_sets_the_small_counts_and_later_options_still_apply()
    {
        var options = BenchmarkOptions.Parse(["--workloads", "5", "--smoke"]);

        Assert.True(options.Smoke);
        Assert.Equal(BenchmarkOptions.Smallest.ActiveCalls, options.ActiveCalls);
        Assert.Equal(new HashSet<int> { 5 }, options.Workloads);
    }

    [Theory]
    [InlineData("--verbose", "Unknown option --verbose")]
    [InlineData("--workloads", "--workloads needs a value")]
    [InlineData("--workloads 7", "--workloads takes a whole number from 1 to 6, not '7'")]
    [InlineData("--in-flight 16,x", "--in-flight takes a whole number from 1 to 100000, not 'x'")]
    [InlineData("--passes 0", "--passes takes a whole number of at least 1, not '0'")]
    [InlineData("--agents 1", "--agents takes a whole number of at least 2, not '1'")]
    [InlineData("--rate -3", "--rate takes a whole number of at least 1, not '-3'")]
    [InlineData("--duration 0", "--duration takes seconds from 0.1 to 86400, not '0'")]
    [InlineData("--warmup soon", "--warmup takes seconds from 0 to 86400, not 'soon'")]
    [InlineData("--log-level Loud", "--log-level takes one of Trace, Debug, Information, Warning, Error, Critical, None, not 'Loud'")]
    [InlineData("--log-level 3", "--log-level takes one of")]
    public void A_mistake_names_the_option_and_what_it_takes(string commandLine, string expected)
    {
        var mistake = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(commandLine.Split(' ')));

        Assert.StartsWith(expected, mistake.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_the_usage_text_names_is_one_the_command_line_takes()
    {
        var named = System.Text.RegularExpressions.Regex.Matches(BenchmarkOptions.Usage, @"^\s+(--[a-z-]+) \S", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Equal(15, named.Count);
        Assert.All(named, option => Assert.Equal($"{option} needs a value.", Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse([option])).Message));
    }
}
