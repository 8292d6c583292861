namespace WarmTransfer.Web.Hosting;

public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string Agents = "agents";
}
