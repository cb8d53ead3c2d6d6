using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Core.Access;

namespace UserOps.Automation.Host.Access;

/// <summary>Operators' cookie sessions: sign in, sign out, who am I, change my password.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in");
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        group.MapPost("/sign-out", (Delegate)SignOutAsync).AllowAnonymous();
        group.MapGet("/me", Me).RequireAuthorization();

        // The console's first question, answered 200 either way: a 401 here would be an error in the browser's console
        // on every visit before sign-in.
        group.MapGet("/session", (ClaimsPrincipal user) => TypedResults.Ok(user.Identity?.IsAuthenticated == true
            ? new SessionState(true, user.Identity.Name, RoleRequirement.RoleOf(user) is { } role ? AccessRoles.Name(role) : null, OperatorSessions.MustChangePassword(user))
            : new SessionState(false, null, null, false))).AllowAnonymous();
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization();
    }

    private static async Task<Results<Ok<SessionInfo>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpContext http, OperatorSignIn signIn, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["userName is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await signIn.SignInAsync(request.UserName!.Trim(), request.Password!, cancellationToken);
        if (result.LockedUntil is { } until)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((until - signIn.Now).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Locked out",
                detail: $"Too many failed sign-ins. Try again in {seconds} seconds, or ask an admin to reset the password.",
                statusCode: StatusCodes.Status423Locked,
                extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });
        }

        if (result.Operator is not { } op)
        {
            // The same answer for an unknown user, a wrong password and a disabled operator.
            return TypedResults.Problem(title: "Sign-in failed", detail: "The user name or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }

        await OperatorSessions.SignInAsync(http, op);
        return TypedResults.Ok(new SessionInfo(op.UserName, AccessRoles.Name(op.Role), op.MustChangePassword));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(AccessServiceCollectionExtensions.CookieScheme);
        return TypedResults.NoContent();
    }

    private static Ok<SessionInfo> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new SessionInfo(
            user.Identity!.Name!, RoleRequirement.RoleOf(user) is { } role ? AccessRoles.Name(role) : string.Empty, OperatorSessions.MustChangePassword(user)));

    private static async Task<Results<Ok<SessionInfo>, ValidationProblem, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, OperatorSignIn signIn, CancellationToken cancellationToken)
    {
        if (!OperatorSessions.IsOperator(http.User))
        {
            return TypedResults.Problem(detail: "Only a signed-in operator has a password; API keys are replaced, not changed.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (op, errors) = await signIn.ChangePasswordAsync(http.User.Identity!.Name!, request.CurrentPassword, request.NewPassword, cancellationToken);
        if (op is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The new security stamp ended every other session of this operator; this one gets a fresh cookie.
        await OperatorSessions.SignInAsync(http, op);
        return TypedResults.Ok(new SessionInfo(op.UserName, AccessRoles.Name(op.Role), op.MustChangePassword));
    }
}
