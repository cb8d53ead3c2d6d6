using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

internal static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The workflow engine in the host. The files of <c>workflows/</c> are validated while the host is built:
    /// an invalid file stops it before it serves anything, as an invalid rules folder does.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, RuleCatalog rules)
    {
        services.AddOptions<WorkflowsOptions>().BindConfiguration(WorkflowsOptions.SectionName);
        var options = configuration.GetSection(WorkflowsOptions.SectionName).Get<WorkflowsOptions>() ?? new WorkflowsOptions();
        var folder = RepositoryPaths.Resolve(options.Folder, environment.ContentRootPath);
        var (definitions, problems) = WorkflowFiles.Load(folder, ShippedReferences(rules));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid workflows:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        services.AddSingleton(new ShippedWorkflows(options.ImportOnStart ? definitions : []));
        services.AddSingleton<EfWorkflowVersions>();
        services.AddSingleton<IWorkflowVersions>(sp => sp.GetRequiredService<EfWorkflowVersions>());
        services.AddSingleton<IJourneyStore, EfJourneyStore>();
        services.AddOptions<JourneysOptions>().BindConfiguration(JourneysOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new JourneyRunner(
            sp.GetRequiredService<IJourneyStore>(), sp.GetRequiredService<IWorkflowVersions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JourneyRunner>>())
        {
            Lease = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<JourneysOptions>>().Value.LeaseSeconds),
            MessageExpiry = TimeSpan.FromHours(sp.GetRequiredService<IOptions<Infrastructure.Dispatch.DispatchOptions>>().Value.JourneyMessageExpiryHours),
        });
        services.AddSingleton(sp => new JourneyEngine(
            sp.GetRequiredService<IDbContextFactory<AutomationDb>>(), sp.GetRequiredService<EfWorkflowVersions>(), sp.GetRequiredService<JourneyRunner>(),
            sp.GetRequiredService<RuleCatalog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<JourneyEngine>>())
        {
            BatchSize = sp.GetRequiredService<IOptions<JourneysOptions>>().Value.BatchSize,
            Workers = sp.GetRequiredService<IOptions<JourneysOptions>>().Value.Workers,
        });
        services.AddSingleton<IAppliedEventsObserver, JourneyEventObserver>();
        services.TryAddSingleton<IWorkflowReferenceSource, WorkflowReferenceSource>();
        services.AddScoped<WorkflowService>();
        services.AddScoped<WorkflowDeleter>();
        services.AddScoped<Infrastructure.Simulation.WorkflowSimulation>();
        services.AddScoped<BlastSchedules>();
        services.AddScoped<IStartupSeeder, ShippedWorkflowSeeder>();
        return services;
    }

    /// <summary>What a file in workflows/ may name before the database exists: the rules, and the segments the rules offer.</summary>
    public static WorkflowReferences ShippedReferences(RuleCatalog rules) =>
        new(rules, rules.Rules.Where(r => !r.UsesEvent && r.Source.OffersSegment).Select(r => r.Name).ToHashSet(StringComparer.Ordinal), null, WorkflowReferenceSource.CheckCron);
}
