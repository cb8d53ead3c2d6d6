using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

/// <summary>
/// Authenticates API calls by key: <c>Authorization: Bearer &lt;key&gt;</c>, or HTTP Basic with the
/// key as user name (what Segment's libraries send), or <c>X-Api-Key</c>. Only hashes are compared. The key's
/// role becomes the caller's role. Also answers every 401 and 403 of the API as problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AutomationDb> dbFactory,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AuthKindClaim = "auth";
    public const string ApiKeyKind = "api-key";

    /// <summary>Whether the request authenticates with a key (and not with the session cookie).</summary>
    public static bool CarriesKey(HttpRequest request) =>
        request.Headers.ContainsKey("X-Api-Key") || request.Headers.ContainsKey("Authorization");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadKey(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKey.HashOf(secret);
        var key = await cache.GetOrCreateAsync("apikey:" + hash, async entry =>
        {
            // Short-lived, so a revoked key stops working within a minute on every host.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(60);
            await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
            return await db.ApiKeys.Where(k => k.Hash == hash && k.RevokedAt == null)
                .Select(k => new KeyIdentity(k.Name, k.Role)).FirstOrDefaultAsync(Context.RequestAborted);
        });

        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, AccessRoles.Name(key.Role)), new Claim(AuthKindClaim, ApiKeyKind)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"UserOps.Automation\"";
        return WriteProblemAsync(Context, 401, "https://tools.ietf.org/html/rfc9110#section-15.5.2", "Unauthorized",
            "Sign in (POST /api/auth/sign-in), or send an API key: 'Authorization: Bearer <key>', or HTTP Basic with the key as user name.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = RoleRequirement.RoleOf(Context.User) is { } r ? AccessRoles.Name(r) : "no role";
        var needed = AccessRoles.Name(RoleRequirement.Required(Context));
        return WriteProblemAsync(Context, 403, "https://tools.ietf.org/html/rfc9110#section-15.5.4", "Forbidden",
            $"{Request.Method} {Request.Path} needs the {needed} role; '{Context.User.Identity?.Name}' is {role}.");
    }

    internal static Task WriteProblemAsync(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { type, title, status, detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var authorization) || authorization.Parameter is null)
        {
            return null;
        }

        if (authorization.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.Parameter.Trim();
        }

        if (authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter));
                var user = decoded.Split(':', 2)[0];
                return string.IsNullOrWhiteSpace(user) ? null : user;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }
}

internal sealed record KeyIdentity(string Name, AccessRole Role);
