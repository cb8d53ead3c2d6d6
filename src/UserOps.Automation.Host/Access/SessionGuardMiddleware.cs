namespace UserOps.Automation.Host.Access;

/// <summary>
/// For requests authenticated by the session cookie: an unsafe method must carry <c>X-Requested-With</c> (a header a
/// cross-site form cannot send, on top of the SameSite=Strict cookie), and an operator holding a one-time password may
/// only use <c>/api/auth</c> until a new password is chosen. API-key requests are not concerned: a browser never adds a key.
/// </summary>
internal sealed class SessionGuardMiddleware(RequestDelegate next)
{
    public const string CsrfHeader = "X-Requested-With";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: AccessServiceCollectionExtensions.CookieScheme })
        {
            var method = context.Request.Method;
            var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
            if (!safe && string.IsNullOrEmpty(context.Request.Headers[CsrfHeader]))
            {
                return ApiKeyAuthenticationHandler.WriteProblemAsync(context, 403, "https://tools.ietf.org/html/rfc9110#section-15.5.4", "Missing anti-forgery header",
                    $"A {method} with the session cookie must send the '{CsrfHeader}' header (the console does); scripts should use an API key.");
            }

            if (OperatorSessions.MustChangePassword(context.User) && context.Request.Path.StartsWithSegments("/api")
                && !context.Request.Path.StartsWithSegments("/api/auth"))
            {
                return ApiKeyAuthenticationHandler.WriteProblemAsync(context, 403, "https://tools.ietf.org/html/rfc9110#section-15.5.4", "Password change required",
                    "You signed in with a one-time password: choose a new one (POST /api/auth/password) first.");
            }
        }

        return next(context);
    }
}
