using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Operations;

namespace UserOps.Automation.Host.Imports;

/// <summary>
/// CSV imports: the body (<c>text/csv</c>) is streamed row by row, never buffered whole, and recorded as an operation.
/// With <c>Prefer: respond-async</c> the file is spooled to a temporary file, the answer is 202 with the operation to
/// follow at <c>/api/operations/{id}</c>, and the import runs after the request (large uploads, the console).
/// </summary>
internal static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapPost("/contacts", (HttpRequest request, TrackedCsvImport imports, BackgroundOperations background, CancellationToken cancellationToken, string? name) =>
            ImportAsync(request, imports, background, contacts: true, name, cancellationToken)).Accepts<string>("text/csv");
        group.MapPost("/events", (HttpRequest request, TrackedCsvImport imports, BackgroundOperations background, CancellationToken cancellationToken, string? name) =>
            ImportAsync(request, imports, background, contacts: false, name, cancellationToken)).Accepts<string>("text/csv");
    }

    private static async Task<Results<Ok<ImportResult>, Accepted<OperationView>, JsonHttpResult<ProblemDetailsBody>>> ImportAsync(
        HttpRequest request, TrackedCsvImport imports, BackgroundOperations background, bool contacts, string? name, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Json(
                new ProblemDetailsBody("Unsupported media type", "Send the file as the request body with 'Content-Type: text/csv'.", 415),
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                contentType: "application/problem+json");
        }

        var startedBy = request.HttpContext.User.Identity?.Name;
        if (OperationEndpoints.PrefersAsync(request))
        {
            return await StartInBackgroundAsync(request, imports, background, contacts, name, startedBy, cancellationToken);
        }

        await using var operation = await imports.StartAsync(contacts, name, request.ContentLength, startedBy, cancellationToken);
        return TypedResults.Ok(await imports.RunAsync(operation, contacts, request.Body, cancellationToken));
    }

    private static async Task<Accepted<OperationView>> StartInBackgroundAsync(
        HttpRequest request, TrackedCsvImport imports, BackgroundOperations background, bool contacts, string? name, string? startedBy, CancellationToken cancellationToken)
    {
        // The body dies with the request: spool it to a file that deletes itself once the import closes it.
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"userops-import-{Guid.NewGuid():N}.csv"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        TrackedOperation? operation = null;
        try
        {
            await request.Body.CopyToAsync(spool, cancellationToken);
            spool.Position = 0;
            operation = await imports.StartAsync(contacts, name, spool.Length, startedBy, cancellationToken);
            var accepted = OperationEndpoints.Accepted(operation.Operation);
            var (file, tracked) = (spool, operation);
            background.Run(tracked.Id, async stopping =>
            {
                await using (file)
                await using (tracked)
                {
                    await imports.RunAsync(tracked, contacts, file, stopping);
                }
            });
            return accepted;
        }
        catch
        {
            await spool.DisposeAsync();
            if (operation is not null)
            {
                await operation.DisposeAsync();
            }

            throw;
        }
    }
}
