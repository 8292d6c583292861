namespace WarmTransfer.Tests.Security;

/// <summary>Tests that time honest requests run alone, so another test's load does not pass for a stall.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SlowClientCollection
{
    public const string Name = "Timed under hostile load";
}
