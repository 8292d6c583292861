using System.Reflection;

namespace WarmTransfer.Tests;

[Trait("Tier", Tier.Rules)]
public sealed class TierTests
{
    [Fact]
    public void Every_test_class_belongs_to_one_known_tier()
    {
        string[] known = [Tier.Rules, Tier.Grains, Tier.Http, Tier.Scenarios, Tier.Browser, Tier.Cluster];
        var untiered = typeof(TierTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any()))
            .Where(t => TiersOf(t) is not [var tier] || !known.Contains(tier))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(untiered);
    }

    private static List<string?> TiersOf(Type type) => [.. type.GetCustomAttributesData()
        .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Tier")
        .Select(a => (string?)a.ConstructorArguments[1].Value)];
}
