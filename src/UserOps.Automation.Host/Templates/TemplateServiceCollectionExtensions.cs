using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Messaging;

namespace UserOps.Automation.Host.Templates;

internal static class TemplateServiceCollectionExtensions
{
    /// <summary>Templates (Fluid), the three channels as configured, and the shipped templates seeded on start.</summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TemplatesOptions>().BindConfiguration(TemplatesOptions.SectionName);
        services.AddMessagingTemplates();
        services.AddMessagingChannels(configuration);
        services.AddScoped<IStartupSeeder, ShippedTemplateSeeder>();
        return services;
    }
}
