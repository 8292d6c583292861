using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Checks a Voice SDK access token as Twilio would before registering a browser: a JWT signed (HS256) with the API key's
/// secret, issued by that API key for the account, not expired, with a VoiceGrant allowing incoming calls to an identity.
/// Twilio, "Access Tokens", https://www.twilio.com/docs/iam/access-tokens; error 20103, https://www.twilio.com/docs/errors/20103
/// ("Issuer: The API Key used to sign the token. Subject: The Twilio Account SID").
/// </summary>
internal sealed class AccessTokenCheck(string accountSid, string apiKeySid, string apiKeySecret)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The identity the token lets the browser register as, or why it does not.</summary>
    public async Task<(string? Identity, string? Refusal)> IdentityOfAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = apiKeySid,
            ValidAudiences = null,
            ValidateAudience = false,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(apiKeySecret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
        });
        if (!result.IsValid)
        {
            return (null, $"the access token is not valid: {result.Exception?.Message ?? "unreadable"}");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Subject != accountSid)
        {
            return (null, "the access token is for another account (sub)");
        }

        // Assumption: Twilio refuses a token without grants.identity or without voice.incoming.allow for incoming calls.
        if (!jwt.TryGetPayloadValue<JsonElement>("grants", out var grants)
            || !grants.TryGetProperty("identity", out var identity) || identity.GetString() is not { Length: > 0 } name)
        {
            return (null, "the access token has no identity (grants.identity)");
        }

        var incoming = grants.TryGetProperty("voice", out var voice) && voice.TryGetProperty("incoming", out var allow)
            && allow.TryGetProperty("allow", out var allowed) && allowed.ValueKind == JsonValueKind.True;
        return incoming ? (name, null) : (null, "the access token's VoiceGrant does not allow incoming calls");
    }
}
