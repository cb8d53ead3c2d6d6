using Microsoft.Extensions.DependencyInjection;

namespace UserOps.Automation.Infrastructure.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>The ingestion services (validation, batches, the event applier, CSV import) with <see cref="IngestionOptions"/> bound and validated.</summary>
    public static IServiceCollection AddIngestionServices(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IngestionValidator>();
        services.AddSingleton<FactsPolicyProvider>();
        services.AddSingleton<SegmentRuleCache>();
        services.AddSingleton<EventApplier>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<CsvImporter>();
        return services;
    }
}
