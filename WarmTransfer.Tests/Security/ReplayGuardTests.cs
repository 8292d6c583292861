using Microsoft.Extensions.Time.Testing;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Security;

/// <summary>The replay cache is filled by whoever can send signed callbacks: its memory has a ceiling, whatever they send.</summary>
[Trait("Tier", Tier.Http)]
public sealed class ReplayGuardTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Tokens_are_forgotten_oldest_first_once_the_byte_budget_is_spent()
    {
        var guard = new ReplayGuard(_time);
        // More of the longest tokens than the budget holds.
        var fit = (int)(ReplayGuard.MaxBytes / ReplayGuard.EntryBytes);
        var tokens = Enumerable.Range(0, fit + 10_000).Select(i => $"{i:D8}".PadRight(ReplayGuard.MaxTokenLength, 'x')).ToList();

        foreach (var token in tokens)
        {
            guard.MarkProcessed(token);
        }

        Assert.InRange(guard.Bytes, ReplayGuard.MaxBytes - ReplayGuard.EntryBytes, ReplayGuard.MaxBytes);
        Assert.Equal(fit, guard.Count);
        Assert.True(guard.WasProcessed(tokens[^1]));
        Assert.False(guard.WasProcessed(tokens[0]));
    }

    [Fact]
    public void An_overlong_or_unprintable_token_is_never_remembered()
    {
        var guard = new ReplayGuard(_time);

        foreach (var token in new[] { new string('t', ReplayGuard.MaxTokenLength + 1), "has space", "new\nline", "", "ünïcode" })
        {
            guard.MarkProcessed(token);
            Assert.False(guard.WasProcessed(token));
        }

        Assert.Equal((0, 0L), (guard.Count, guard.Bytes));
    }

    [Fact]
    public void A_token_is_remembered_for_an_hour()
    {
        var guard = new ReplayGuard(_time);
        guard.MarkProcessed("token-1");

        _time.Advance(ReplayGuard.Remember - TimeSpan.FromSeconds(1));
        Assert.True(guard.WasProcessed("token-1"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(guard.WasProcessed("token-1"));
        Assert.Equal((0, 0L), (guard.Count, guard.Bytes));
    }
}
