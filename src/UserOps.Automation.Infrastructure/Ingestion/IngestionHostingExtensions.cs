using Microsoft.Extensions.DependencyInjection;

namespace UserOps.Automation.Infrastructure.Ingestion;

public static class IngestionHostingExtensions
{
    /// <summary>What a serving host adds to <see cref="IngestionServiceCollectionExtensions.AddIngestionServices"/>: the applier loop and its health check.</summary>
    public static IServiceCollection AddEventApplierLoop(this IServiceCollection services)
    {
        services.AddHostedService<EventApplierService>();
        services.AddHealthChecks().AddCheck<IngestionBacklogCheck>("ingestion");
        return services;
    }
}
