using Microsoft.Extensions.DependencyInjection;

namespace UserOps.Automation.Infrastructure.Operations;

public static class OperationServiceCollectionExtensions
{
    /// <summary>The operation rows' writer and the tracked CSV import, segment refresh and blast (resolved where the ingestion, segment and journey services are).</summary>
    public static IServiceCollection AddOperationTracking(this IServiceCollection services)
    {
        services.AddSingleton<OperationTracker>();
        services.AddSingleton<OperationReaper>();
        services.AddSingleton<TrackedCsvImport>();
        services.AddSingleton<TrackedSegmentRefresh>();
        services.AddSingleton<TrackedBlast>();
        return services;
    }
}
