using Quartz;
using UserOps.Automation.Infrastructure.Facts;

namespace UserOps.Automation.Host.Facts;

internal static class FactsServiceCollectionExtensions
{
    public static IServiceCollection AddFacts(this IServiceCollection services)
    {
        services.AddOptions<FactsOptions>().BindConfiguration(FactsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.RefreshCron, out _), "Facts:RefreshCron is not a valid Quartz cron expression.")
            .ValidateOnStart();
        services.AddSingleton<FactsRefresher>();
        return services;
    }
}
