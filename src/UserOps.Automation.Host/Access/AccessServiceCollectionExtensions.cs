using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Access;

internal static class AccessServiceCollectionExtensions
{
    /// <summary>The scheme that picks the API key handler when a request carries a key, else the operator's session cookie.</summary>
    public const string DefaultScheme = "Automation";
    public const string CookieScheme = "Session";
    public const string CookieName = "userops.session";

    /// <summary>
    /// Sign-in and roles: operators' cookie sessions and API keys, one role policy, the audit trail, the first admin.
    /// </summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddOptions<OperatorsOptions>().BindConfiguration(OperatorsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OperatorPasswords>();
        services.TryAddSingleton(_ => new SecretConsole());
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActorSource, HttpAuditActorSource>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<OperatorSignIn>();
        services.AddScoped<IStartupSeeder, InitialAdminSeeder>();

        // Session cookies must open on every host of a cluster: the data protection keys live in the shared database.
        services.AddDataProtection().SetApplicationName("UserOps.Automation");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new SettingsXmlRepository(sp.GetRequiredService<IDbContextFactory<AutomationDb>>(), sp.GetRequiredService<TimeProvider>())));

        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, null, o =>
            {
                o.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.CarriesKey(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme;

                // One 401 and one 403 answer (problem details) whichever way the caller authenticates.
                o.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
                o.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.IsEssential = true;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = OperatorSessions.ValidateAsync;
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // ASP.NET Core warms the key ring in a hosted service that starts before StartupInitializer has migrated the
        // database, so on a first start it would read (and write a key to) a table that does not exist yet. Without
        // it the ring is loaded at the first sign-in, after migrations.
        foreach (var warmer in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(warmer);
        }

        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<OperatorsOptions>>((cookie, operators) => cookie.ExpireTimeSpan = operators.Value.SessionIdleTimeout);

        services.AddAuthorizationBuilder()
            .AddPolicy(AutomationHost.WritePolicy, p => p.AddRequirements(new RoleRequirement()));
        return services;
    }

    /// <summary>CSRF and one-time-password checks for cookie sessions, then the sign-in, operator and audit endpoints.</summary>
    public static void UseSessionGuard(this IApplicationBuilder app) => app.UseMiddleware<SessionGuardMiddleware>();

    public static void MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAuthEndpoints();
        app.MapOperatorEndpoints();
        app.MapAuditEndpoints();
    }
}
