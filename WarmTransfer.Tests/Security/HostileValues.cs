namespace WarmTransfer.Tests.Security;

/// <summary>The catalogue a hostile client draws from: charsets, content types, control characters, identifiers that are nearly right.</summary>
public static class HostileValues
{
    public static readonly string[] Charsets =
        ["charset=utf-7", "charset=nonsense", "charset=", "charset=\"utf-7\"", "charset=UTF-16", "charset=utf-8; charset=latin1", "charset=\"\"", "charset=x-mac-chinesesimp", "charset=" + new string('u', 300)];

    public static readonly string[] FormContentTypes =
        ["text/plain", "application/json", "application/octet-stream", "application/x-www-form-urlencodedx", "application/x-www-form-urlencoded/x", ";;;", "multipart/form-data", "multipart/form-data; boundary=", "text/html; charset=utf-8"];

    public static readonly string[] JsonContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/jsonx", "application/json/x", ";;;", "application/octet-stream", "multipart/form-data; boundary=x"];

    public static readonly string[] ControlCharacters = ["\n", "\r\n", "\r", "\0", "\t", "\u001b", "\u0085", "\u2028", "\u200b", "\ufeff"];

    public static readonly string[] PathSuffixes = ["%0A", "%0D%0A", "%00", "%09", "%E2%80%A8", "%C2%85", "%20", "%2F..", ".json", "%FF"];

    public static readonly string[] MalformedSignatures =
        ["AAAA", new('A', 300), "!!!not base64!!!", "c2lnbmF0dXJl", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAA==", " "];

    public static readonly string[] OtherAgents = ["bob", "ALICE", "alice_", "al", new('a', 200), "alice%0A", "alice%00", "alice%20", "..%2Falice", "%E2%98%83"];

    private static readonly string Deep = new('[', 5000);

    /// <summary>JSON bodies each route must refuse (so none of them is, by chance, a valid command).</summary>
    public static readonly Dictionary<string, string[]> BadJsonBodies = new()
    {
        ["/presence"] =
        [
            "{", "[1,2,3]", "null", "\"away\"", "{\"presence\":99}", "{\"presence\":\"onCall\"}", "{\"presence\":\"away\\n\"}", "{\"presence\":\"\\u0000\"}",
            "{\"presence\":\"away\",\"presence\":\"dancing\"}", "\ufeff{\"presence\":\"x\"}", "{\"presence\":" + Deep + "}", "{\"presence\":\"" + new string('x', 70_000) + "\"}",
        ],
        ["/transfer"] =
        [
            "{", "[1,2,3]", "null", "{\"to\":\"bob\\n\"}", "{\"to\":\"bob\\u0000\"}", "{\"to\":\"../bob\"}", "{\"to\":1}", "{\"to\":" + Deep + "}",
            "{\"to\":\"" + new string('x', 70_000) + "\"}", "{\"to\":\"\\ud800\"}",
        ],
        ["/hold"] = ["{", "[1,2,3]", "null", "{\"hold\":\"yes\"}", "{\"hold\":1e999}", "{\"hold\":null}", "{\"hold\":" + Deep + "}", "{\"hold\":tru}"],
    };

    public static T Pick<T>(this Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public static string Spoil(this Random random, string value) =>
        random.Next(3) switch
        {
            0 => value + random.Pick(ControlCharacters),
            1 => random.Pick(ControlCharacters) + value,
            _ => value.Insert(random.Next(value.Length + 1), random.Pick(ControlCharacters)),
        };
}
