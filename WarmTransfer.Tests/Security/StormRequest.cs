namespace WarmTransfer.Tests.Security;

/// <summary>
/// One request of a hostile storm: what it is (route, the hostile traits it carries), how to build it, and what it may get.
/// </summary>
/// <param name="Index">Its place in the storm.</param>
/// <param name="Route">The route template it targets.</param>
/// <param name="Traits">The hostile traits it carries.</param>
/// <param name="Message">The request as sent.</param>
/// <param name="MustBeRefused">A 2xx would mean the hostile trait was not noticed (false only where the route ignores what was spoiled).</param>
/// <param name="MayBeCutOff">The server may close the connection before answering (a body or header past the limits).</param>
public sealed record StormRequest(int Index, string Route, IReadOnlyList<string> Traits, HttpRequestMessage Message, bool MustBeRefused, bool MayBeCutOff)
{
    public string Kind => $"{Route} [{string.Join(", ", Traits)}]";
}
