using Microsoft.AspNetCore.Identity;

namespace WarmTransfer.Web.Accounts;

/// <summary>Agents' passwords, hashed and checked with ASP.NET Core Identity's password hasher (PBKDF2, version 3 format).</summary>
public static class PasswordHashes
{
    private static readonly PasswordHasher<AgentAccount> Hasher = new();

    /// <summary>Checked against when the agent is unknown, so an unknown agent takes as long as a wrong password.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new AgentAccount(), Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(new AgentAccount(), password);

    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword(new AgentAccount(), hash ?? DecoyHash, password) != PasswordVerificationResult.Failed && hash is not null;

    /// <summary>Identity's v3 hashes are base64 of a 0x01 format marker followed by the salt and subkey.</summary>
    public static bool LooksLikeHash(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length > 13 && bytes[0] == 0x01;
    }
}
