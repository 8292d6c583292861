using System.Text.Json;

namespace WarmTransfer.Tests.Support;

/// <summary>Twilio's own OpenAPI description of the calls and conferences API (an excerpt in TwilioApi/), for checking request and response shapes.</summary>
public static class OpenApi
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "WarmTransfer.Tests", "TwilioApi", "twilio_api_v2010.calls-and-conferences.json"))));

    public static IReadOnlySet<string> FormParameters(string path, string method) =>
        Document.Value.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded")
            .GetProperty("schema").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();

    public static IReadOnlySet<string> SchemaProperties(string schema) =>
        Document.Value.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schema)
            .GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
}
