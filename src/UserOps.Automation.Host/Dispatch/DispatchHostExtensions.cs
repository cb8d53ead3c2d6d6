using UserOps.Automation.Infrastructure.Dispatch;

namespace UserOps.Automation.Host.Dispatch;

internal static class DispatchHostExtensions
{
    /// <summary>The dispatcher (run by the Quartz dispatch job) and what its endpoints need.</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddDispatcher();
        return services;
    }

    /// <summary>Provider webhooks and unsubscribe links (anonymous, verified), the outbox and the suppression list (write key).</summary>
    public static void MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTwilioWebhookEndpoints();
        app.MapUnsubscribeEndpoints();
        app.MapOutboxEndpoints();
        app.MapSuppressionEndpoints();
    }
}
