using Microsoft.Extensions.Options;
using Twilio.Jwt.AccessToken;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Agents;

/// <summary>Signs Twilio Access Tokens with a VoiceGrant (incoming calls allowed) for the Voice JS SDK 2.x.</summary>
public sealed class AccessTokenIssuer(IOptionsMonitor<TwilioOptions> twilio, IOptionsMonitor<WarmTransferOptions> options, TimeProvider time)
{
    public IReadOnlyList<string> MissingKeys => twilio.CurrentValue.Missing(TwilioKey.AccountSid, TwilioKey.ApiKeySid, TwilioKey.ApiKeySecret);

    public IssuedToken Issue(string agentId)
    {
        var settings = twilio.CurrentValue;
        var expiresAt = time.GetUtcNow() + options.CurrentValue.AccessTokenLifetime;
        var grants = new HashSet<IGrant> { new VoiceGrant { IncomingAllow = true } };
        var token = new Token(settings.AccountSid, settings.ApiKeySid, settings.ApiKeySecret, agentId,
            expiration: expiresAt.UtcDateTime, nbf: null, grants: grants);
        return new IssuedToken(token.ToJwt(), agentId, expiresAt);
    }
}
