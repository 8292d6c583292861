using System.Text.Json;
using System.Text.Json.Serialization;

namespace WarmTransfer.Tests.Support;

/// <summary>The web host's JSON conventions: camelCase, enums as camelCase strings.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
