using System.Security.Cryptography;
using System.Text;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Twilio's request signature computed from its documented algorithm, independently of the SDK under test:
/// HMAC-SHA1 keyed with the auth token over the URL followed by each form key and value, keys sorted ordinally; base64.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }
}
