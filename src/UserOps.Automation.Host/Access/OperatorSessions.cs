using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>
/// An operator's session: the claims its cookie carries, and the check on every request that the operator still
/// exists, is enabled and has not changed password since (the security stamp). Role and must-change-password are
/// re-read, so a change by an admin applies at the operator's next request on every host.
/// </summary>
internal static class OperatorSessions
{
    public const string OperatorKind = "operator";
    public const string StampClaim = "stamp";
    public const string MustChangePasswordClaim = "must_change_password";

    public static ClaimsPrincipal Principal(Operator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        List<Claim> claims =
        [
            new(ClaimTypes.Name, op.UserName),
            new(ClaimTypes.Role, AccessRoles.Name(op.Role)),
            new(ApiKeyAuthenticationHandler.AuthKindClaim, OperatorKind),
            new(StampClaim, op.SecurityStamp),
        ];
        if (op.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePasswordClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AccessServiceCollectionExtensions.CookieScheme));
    }

    public static bool IsOperator(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ApiKeyAuthenticationHandler.AuthKindClaim) == OperatorKind;

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(MustChangePasswordClaim, "true");

    public static Task SignInAsync(HttpContext http, Operator op) =>
        http.SignInAsync(AccessServiceCollectionExtensions.CookieScheme, Principal(op), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        var name = user?.Identity?.Name;
        if (user is null || name is null)
        {
            context.RejectPrincipal();
            return;
        }

        var dbFactory = context.HttpContext.RequestServices.GetRequiredService<IDbContextFactory<AutomationDb>>();
        await using var db = await dbFactory.CreateDbContextAsync(context.HttpContext.RequestAborted);
        var op = await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.UserName == name, context.HttpContext.RequestAborted);
        if (op is null || op.Disabled || op.SecurityStamp != user.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessServiceCollectionExtensions.CookieScheme);
            return;
        }

        if (AccessRoles.Name(op.Role) != user.FindFirstValue(ClaimTypes.Role) || op.MustChangePassword != MustChangePassword(user))
        {
            context.ReplacePrincipal(Principal(op));
            context.ShouldRenew = true;
        }
    }
}
