using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Demo;

namespace UserOps.Automation.Host.Demo;

internal static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// The first-start demo. Register after <c>AddSegments</c>: seeders run in registration order, and the demo's
    /// final segment refresh needs the shipped segments to exist.
    /// </summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DemoSeeder>();
        services.AddScoped<IStartupSeeder, DemoStartupSeeder>();
        return services;
    }
}
