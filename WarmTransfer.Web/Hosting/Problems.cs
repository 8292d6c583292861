namespace WarmTransfer.Web;

/// <summary>The ProblemDetails answers we give, so every refusal reads the same way.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult BadRequest(string detail) => Status(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static ProblemHttpResult TwilioNotConfigured(IReadOnlyList<string> missingKeys, string consequence) =>
        Status(StatusCodes.Status503ServiceUnavailable, "Twilio is not configured",
            $"{consequence}: missing {string.Join(", ", missingKeys)}. Set them in appsettings, user secrets or environment variables (e.g. Twilio__AuthToken).");

    public static ProblemHttpResult Unavailable(string detail) =>
        Status(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", detail);
}
