using UserOps.Automation.Host.Dashboard;
using UserOps.Automation.Infrastructure.Operations;
using UserOps.Automation.Infrastructure.Reporting;

namespace UserOps.Automation.Host.Operations;

internal static class ReportingHostExtensions
{
    /// <summary>Operation tracking (imports, refreshes, blasts), the runner of 202-answered work, and the dashboard query.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOperationTracking();
        services.AddHostedService<OperationReaperService>();
        services.AddSingleton<BackgroundOperations>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundOperations>());
        services.AddSingleton<RecallWorkflows>();
        services.AddSingleton<DashboardQuery>();
        return services;
    }

    public static void MapReportingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOperationEndpoints();
        app.MapDashboardEndpoints();
    }
}
