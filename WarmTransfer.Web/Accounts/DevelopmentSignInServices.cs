namespace WarmTransfer.Web.Accounts;

public static class DevelopmentSignInServices
{
    public static IServiceCollection AddDevelopmentSignIn(this IServiceCollection services)
    {
        services.AddSingleton<DevelopmentSignIn>();
        services.AddHostedService<DevelopmentSignInGuard>();
        return services;
    }
}
