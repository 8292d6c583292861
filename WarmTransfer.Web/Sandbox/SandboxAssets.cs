using System.Reflection;

namespace WarmTransfer.Web.Sandbox;

/// <summary>The sandbox's pages and scripts, built into the assembly so nothing of them is reachable outside sandbox mode.</summary>
public static class SandboxAssets
{
    private const string Prefix = "Sandbox.Assets.";

    /// <summary>The asset's bytes (e.g. voice-sdk.js), or null when there is no such asset.</summary>
    public static Stream? Open(string name) => Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name);

    public static IResult Serve(string name)
    {
        var stream = Open(name);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        var contentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/javascript; charset=utf-8",
        };
        return TypedResults.Stream(stream, contentType);
    }
}
