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
/// Authenticates API calls by write key: <c>Authorization: Bearer &lt;key&gt;</c>, or HTTP Basic with the
/// key as user name (what Segment's libraries send), or <c>X-Api-Key</c>. Only hashes are compared.
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadKey(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKey.HashOf(secret);
        var name = await cache.GetOrCreateAsync("apikey:" + hash, async entry =>
        {
            // Short-lived, so a revoked key stops working within a minute on every host.
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(60);
            await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
            return await db.ApiKeys.Where(k => k.Hash == hash && k.RevokedAt == null).Select(k => k.Name).FirstOrDefaultAsync(Context.RequestAborted);
        });

        if (name is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim("auth", "api-key")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"UserOps.Automation\"";
        return Response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.2", title = "Unauthorized", status = 401, detail = "Send a write key: 'Authorization: Bearer <key>', or HTTP Basic with the key as user name." },
            Context.RequestAborted);
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
