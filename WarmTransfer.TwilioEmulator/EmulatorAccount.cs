namespace WarmTransfer.TwilioEmulator;

/// <summary>The emulator's default Twilio account: fake but well-formed, so the real Twilio SDK accepts them.</summary>
public static class EmulatorAccount
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test_auth_token_0123456789abcdef";

    /// <summary>The account's API key, which signs the Voice SDK access tokens the emulator's browser phones accept.</summary>
    public const string ApiKeySid = "SK00000000000000000000000000000001";
    public const string ApiKeySecret = "sandbox_api_key_secret_0123456789";

    /// <summary>The account's phone number: where a call dialled in arrives unless told otherwise.</summary>
    public const string PhoneNumber = "+15559990000";
}
