using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Accounts;

namespace WarmTransfer.Tests.Support;

/// <summary>Fake but well-formed Twilio credentials and agent passwords for test hosts.</summary>
public static class TestCredentials
{
    public const string AccountSid = EmulatorAccount.AccountSid;
    public const string AuthToken = EmulatorAccount.AuthToken;
    // The emulator's own API key, so its browser phones accept the Voice tokens a test host signs.
    public const string ApiKeySid = EmulatorAccount.ApiKeySid;
    public const string ApiKeySecret = EmulatorAccount.ApiKeySecret;
    public const string CallerId = EmulatorAccount.PhoneNumber;
    public const string AgentPassword = "correct horse battery staple";

    /// <summary>Hashing is deliberately slow, so every test host shares one hash.</summary>
    public static readonly string AgentPasswordHash = PasswordHashes.Hash(AgentPassword);
}
