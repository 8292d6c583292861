using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Accounts;

namespace WarmTransfer.Tests.Support;

/// <summary>Fake but well-formed Twilio credentials and agent passwords for test hosts.</summary>
public static class TestCredentials
{
    public const string AccountSid = EmulatorAccount.AccountSid;
    public const string AuthToken = EmulatorAccount.AuthToken;
    public const string ApiKeySid = "SK00000000000000000000000000000001";
    public const string ApiKeySecret = "test_api_key_secret_0123456789ab";
    public const string CallerId = EmulatorAccount.PhoneNumber;
    public const string AgentPassword = "correct horse battery staple";

    /// <summary>Hashing is deliberately slow, so every test host shares one hash.</summary>
    public static readonly string AgentPasswordHash = PasswordHashes.Hash(AgentPassword);
}
