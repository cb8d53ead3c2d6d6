using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.Imports;

/// <summary>CSV imports: the body (<c>text/csv</c>) is streamed row by row, never buffered whole.</summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapPost("/contacts", (HttpRequest request, CsvImporter importer, CancellationToken cancellationToken) =>
            ImportAsync(request, importer.ImportContactsAsync, cancellationToken)).Accepts<string>("text/csv");
        group.MapPost("/events", (HttpRequest request, CsvImporter importer, CancellationToken cancellationToken) =>
            ImportAsync(request, importer.ImportEventsAsync, cancellationToken)).Accepts<string>("text/csv");
    }

    private static async Task<Results<Ok<ImportResult>, JsonHttpResult<ProblemDetailsBody>>> ImportAsync(
        HttpRequest request, Func<Stream, CancellationToken, Task<ImportResult>> import, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Json(
                new ProblemDetailsBody("Unsupported media type", "Send the file as the request body with 'Content-Type: text/csv'.", 415),
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                contentType: "application/problem+json");
        }

        return TypedResults.Ok(await import(request.Body, cancellationToken));
    }
}
