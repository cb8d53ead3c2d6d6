using UserOps.Automation.Host.Contacts;
using UserOps.Automation.Host.Events;
using UserOps.Automation.Host.Imports;
using UserOps.Automation.Host.SegmentApi;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.Ingestion;

internal static class IngestionHostExtensions
{
    /// <summary>Ingestion services, plus the host-wide handling of bad request bodies (malformed JSON → 400, too large → 413).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddIngestionServices();
        services.AddEventApplierLoop();

        // Without this, minimal APIs answer malformed JSON with a bare 400 outside Development; throwing lets
        // BadRequestExceptionHandler say where the JSON is wrong, the same way in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>The contact, event, import and Segment-spec endpoints, behind the request body limit.</summary>
    public static WebApplication MapIngestionEndpoints(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.MapContactEndpoints();
        app.MapEventEndpoints();
        app.MapImportEndpoints();
        app.MapSegmentSpecEndpoints();
        app.MapIngestionBacklogEndpoint();
        return app;
    }
}
