using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using UserOps.Automation.Core.Access;

namespace UserOps.Automation.Host.Access;

/// <summary>
/// The one authorization rule of the API (<see cref="Hosting.AutomationHost.WritePolicy"/>): an endpoint marked with
/// <see cref="MinimumRoleAttribute"/> needs that role; otherwise reads (GET, HEAD) need viewer and anything else editor.
/// Roles are hierarchical, so "needs" means "at least".
/// </summary>
internal sealed class RoleRequirement : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && RoleOf(context.User) is { } role && role >= (context.Resource is HttpContext http ? Required(http) : AccessRole.Admin))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static AccessRole? RoleOf(ClaimsPrincipal user) =>
        AccessRoles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    /// <summary>The least role the request's endpoint needs.</summary>
    public static AccessRole Required(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<MinimumRoleAttribute>() is { } marked)
        {
            return marked.Role;
        }

        return HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? AccessRole.Viewer : AccessRole.Editor;
    }
}

/// <summary>The least role an endpoint needs, overriding the read/write default. The innermost (endpoint) one wins.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class MinimumRoleAttribute(AccessRole role) : Attribute
{
    public AccessRole Role { get; } = role;
}

internal static class MinimumRoleExtensions
{
    /// <summary>Needs at least <paramref name="role"/> (e.g. publish needs publisher; a read-only POST such as validate needs viewer).</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, AccessRole role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new MinimumRoleAttribute(role));
}
