namespace WarmTransfer.Web.Hosting;

/// <summary>
/// A check made before an endpoint reads its request body. Endpoint filters run only after parameter binding has read
/// the body, so a check that must refuse a request unread (signature header, CSRF token, whose route it is) is a gate.
/// </summary>
public interface IRequestGate
{
    /// <summary>Null lets the request in; otherwise the answer to send instead.</summary>
    ValueTask<IResult?> CheckAsync(HttpContext http);
}
