using System.Net;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Tests.Security;

/// <summary>Forged and replayed Twilio requests: each is refused with a reason and no grain changes.</summary>
[Trait("Tier", Tier.Http)]
public sealed class ForgedWebhookTests(SecuredHostFixture fixture) : IClassFixture<SecuredHostFixture>
{
    public enum Forgery
    {
        NoSignature,
        SignedWithWrongToken,
        SignedOverAnotherUrl,
        SignedOverHttpInsteadOfHttps,
        FormTamperedAfterSigning,
        SignatureOfAnotherRequest,
    }

    public static TheoryData<Forgery> Forgeries => new(Enum.GetValues<Forgery>());

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_incoming_call_gets_403_and_creates_no_conference(Forgery forgery)
    {
        var callSid = Sid.Call();
        var form = new Dictionary<string, string> { ["CallSid"] = callSid, ["From"] = "+15550002222", ["To"] = TestCredentials.CallerId };

        using var response = await PostForged("/conference/connect/client", form, forgery);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("signature", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ConferencePhase.None, (await fixture.Host.Grains.GetGrain<IConferenceGrain>(callSid).GetAsync()).Phase);
        Assert.Empty(fixture.Telephony.DialsFor(callSid));
    }

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_callback_gets_403_and_leaves_the_call_as_it_was(Forgery forgery)
    {
        var before = await fixture.AliceCallAsync();
        var form = new Dictionary<string, string>
        {
            ["ConferenceSid"] = before.ConferenceSid!,
            ["FriendlyName"] = fixture.AliceConference,
            ["SequenceNumber"] = "1000",
            ["StatusCallbackEvent"] = "conference-end",
        };

        using var response = await PostForged($"/conference/{fixture.AliceConference}/events", form, forgery);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ConferencePhase.Connected, (await fixture.AliceCallAsync()).Phase);
    }

    [Fact]
    public async Task A_replayed_callback_gets_204_and_changes_nothing()
    {
        var before = await fixture.AliceCallAsync();
        using var client = fixture.Host.CreateClient();
        var webhooks = new SignedWebhooks(fixture.Host, client);
        var token = $"replay-{Guid.NewGuid():N}";
        var hold = new Dictionary<string, string>
        {
            ["ConferenceSid"] = before.ConferenceSid!,
            ["FriendlyName"] = fixture.AliceConference,
            ["SequenceNumber"] = "2",
            ["StatusCallbackEvent"] = "participant-hold",
            ["CallSid"] = fixture.AliceConference,
            ["Hold"] = "true",
        };
        // Twilio's replay would carry the same form; a different one under the same token shows the replay is not processed.
        var unhold = new Dictionary<string, string>(hold) { ["SequenceNumber"] = "3", ["StatusCallbackEvent"] = "participant-unhold", ["Hold"] = "false" };

        using var first = await webhooks.PostAsync($"/conference/{fixture.AliceConference}/events", hold, idempotencyToken: token);
        var afterFirst = await fixture.AliceCallAsync();
        using var replay = await webhooks.PostAsync($"/conference/{fixture.AliceConference}/events", unhold, idempotencyToken: token);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Contains(afterFirst.Participants, p => p.CallSid == fixture.AliceConference && p.OnHold);
        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal(afterFirst.Participants.ToArray(), (await fixture.AliceCallAsync()).Participants.ToArray());
    }

    [Fact]
    public async Task An_overlong_idempotency_token_is_treated_as_absent_and_not_remembered()
    {
        var guard = fixture.Host.Services.GetRequiredService<ReplayGuard>();
        using var client = fixture.Host.CreateClient();
        var webhooks = new SignedWebhooks(fixture.Host, client);
        var form = await fixture.StaleConferenceEventAsync();
        var overlong = new string('t', 8 * 1024);
        var withSpace = "token " + Guid.NewGuid();
        var twilioLike = Guid.NewGuid().ToString();

        foreach (var token in new[] { overlong, withSpace, twilioLike })
        {
            using var response = await webhooks.PostAsync($"/conference/{fixture.AliceConference}/events", form, idempotencyToken: token);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.False(guard.WasProcessed(overlong));
        Assert.False(guard.WasProcessed(withSpace));
        Assert.True(guard.WasProcessed(twilioLike));
    }

    private async Task<HttpResponseMessage> PostForged(string path, Dictionary<string, string> form, Forgery forgery)
    {
        var host = fixture.Host;
        var publicUrl = new Uri(host.PublicBaseUrl, path).AbsoluteUri;
        var signature = forgery switch
        {
            Forgery.NoSignature => null,
            Forgery.SignedWithWrongToken => TwilioSignature.Compute("not_the_auth_token_0123456789abcd", publicUrl, form),
            Forgery.SignedOverAnotherUrl => TwilioSignature.Compute(TestCredentials.AuthToken, publicUrl + "?x=1", form),
            Forgery.SignedOverHttpInsteadOfHttps => TwilioSignature.Compute(TestCredentials.AuthToken, publicUrl.Replace("http://", "https://"), form),
            Forgery.FormTamperedAfterSigning => TwilioSignature.Compute(TestCredentials.AuthToken, publicUrl, form.Where(p => p.Key != "To")),
            Forgery.SignatureOfAnotherRequest => TwilioSignature.Compute(TestCredentials.AuthToken, new Uri(host.PublicBaseUrl, "/conference/wait").AbsoluteUri, form),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        if (forgery == Forgery.FormTamperedAfterSigning)
        {
            form["To"] = "+15550009999";
            form.TryAdd("From", "+15550002222");
        }

        using var client = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignatureFilter.SignatureHeader, signature);
        }

        return await client.SendAsync(request);
    }
}
