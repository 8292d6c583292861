using System.Net;
using Twilio.Jwt.AccessToken;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>The browser-phone surface on the emulator's own address, as the Voice SDK stand-in uses it: register, answer, mute, renew, unregister.</summary>
[Trait("Tier", Tier.Http)]
public sealed class BrowserPhoneSurfaceTests : EmulatorTest
{
    [Fact]
    public async Task A_registered_phone_answers_mutes_its_microphone_renews_its_token_and_unregisters()
    {
        App.Twiml["/agent"] = "<Response><Play loop=\"0\">http://music.test/a.mp3</Play></Response>";
        using var http = new HttpClient();
        var phones = Twilio.BrowserPhonesUrl + "/registrations";
        var first = TokenFor("alice", TimeSpan.FromMinutes(5));
        using var registered = await http.PostAsJsonAsync(phones, new { token = first });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var registration = $"{phones}/{(await registered.Content.ReadFromJsonAsync<BrowserPhoneEndpoints.Registration>(Support.Json.Options))!.RegistrationId}";
        Assert.True(Twilio.BrowserPhones.IsRegistered("alice"));

        await DialAsync("alice");
        var call = await Twilio.RingingAsync("alice");
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"{registration}/calls/{call.Sid}/mute", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"{registration}/calls/{call.Sid}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"{registration}/calls/{call.Sid}/mute", null)).StatusCode);
        Assert.True(Twilio.Read(() => call.MicrophoneMuted));
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"{registration}/calls/{call.Sid}/unmute", null)).StatusCode);
        Assert.False(Twilio.Read(() => call.MicrophoneMuted));

        var renewed = TokenFor("alice", TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync(registration, new { token = renewed })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PutAsJsonAsync(registration, new { token = TokenFor("mallory", TimeSpan.FromMinutes(10)) })).StatusCode);
        Assert.Equal([first, renewed], Twilio.BrowserPhones.TokensOf("alice"));

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(registration)).StatusCode);
        Assert.False(Twilio.BrowserPhones.IsRegistered("alice"));
    }

    private static string TokenFor(string identity, TimeSpan lifetime) =>
        new Token(EmulatorAccount.AccountSid, EmulatorAccount.ApiKeySid, EmulatorAccount.ApiKeySecret, identity,
            expiration: DateTime.UtcNow + lifetime, grants: new HashSet<IGrant> { new VoiceGrant { IncomingAllow = true } }).ToJwt();
}
