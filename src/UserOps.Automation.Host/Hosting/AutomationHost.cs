using Scalar.AspNetCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.OperatorConsole;
using UserOps.Automation.Host.Demo;
using UserOps.Automation.Host.Dispatch;
using UserOps.Automation.Host.Facts;
using UserOps.Automation.Host.Ingestion;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.Host.Rules;
using UserOps.Automation.Host.Scheduling;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Host.Workflows;
using UserOps.Automation.Host.Templates;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Hosting;

/// <summary>Builds the one host process: REST API, background work and (later) the console.</summary>
internal static class AutomationHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The policy of every /api and /v1 group: reads need the viewer role, other methods editor, and endpoints marked
    /// with <c>RequireRole(...)</c> the role they name (see Access/RoleRequirement.cs).
    /// </summary>
    public const string WritePolicy = "write";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        builder.Services.AddAutomation(builder.Configuration, builder.Environment);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOperatorConsole();
        app.UseAuthentication();
        app.UseSessionGuard();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference");
        app.MapHealthChecks("/health");
        app.MapAutomationEndpoints();
        app.MapIngestionEndpoints();
        return app;
    }

    public static IServiceCollection AddAutomation(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName);
        services.AddOptions<RulesOptions>().BindConfiguration(RulesOptions.SectionName);

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddAutomationPersistence(database);

        // Loaded eagerly: an invalid rules/ folder stops the host before it serves anything.
        var rulesFolder = RepositoryPaths.Resolve(configuration.GetSection(RulesOptions.SectionName).Get<RulesOptions>()?.Folder ?? "rules", environment.ContentRootPath);
        var rules = RuleCatalog.Load(rulesFolder);
        services.AddSingleton(rules);

        services.AddMemoryCache();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AutomationDb>("database");
        services.AddAccess();

        // Seeders run in this order: shipped segments, templates, workflows, then the demo data, whose new
        // segment members the published workflows then enrol.
        services.AddSegments();
        services.AddTemplates(configuration);
        services.AddWorkflows(configuration, environment, rules);
        services.AddFacts();
        services.AddDemo();
        services.AddDispatch();
        services.AddScheduling(configuration, database);
        services.AddIngestion();
        services.AddReporting();
        services.AddHostedService<StartupInitializer>();
        return services;
    }

    private static void MapAutomationEndpoints(this WebApplication app)
    {
        app.MapSegmentEndpoints();
        app.MapRuleEndpoints();
        app.MapWorkflowEndpoints();
        app.MapSimulationEndpoints();
        app.MapJourneyEndpoints();
        app.MapKeyEndpoints();
        app.MapAccessEndpoints();
        app.MapTemplateEndpoints();
        app.MapDispatchEndpoints();
        app.MapReportingEndpoints();
    }
}
