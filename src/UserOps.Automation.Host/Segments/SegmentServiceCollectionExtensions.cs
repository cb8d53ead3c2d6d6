using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Host.Segments;

internal static class SegmentServiceCollectionExtensions
{
    public static IServiceCollection AddSegments(this IServiceCollection services)
    {
        services.AddSingleton<SegmentRefresher>();
        services.AddScoped<IStartupSeeder, ShippedSegmentSeeder>();
        return services;
    }
}
