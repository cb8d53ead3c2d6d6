using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using UserOps.Automation.Infrastructure.Ingestion;

namespace UserOps.Automation.Host.Ingestion;

/// <summary>
/// Caps request bodies at <see cref="IngestionOptions.MaxBodyBytes"/> (413 with problem details), except CSV
/// imports, which are streamed and may be large. A declared Content-Length over the cap is refused before
/// anything is read; a chunked body is counted as it is read.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<IngestionOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.Path.StartsWithSegments("/api/imports", StringComparison.OrdinalIgnoreCase))
        {
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = null;
            }

            await next(context);
            return;
        }

        var limit = options.Value.MaxBodyBytes;
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large",
                    Detail = $"The body has {context.Request.ContentLength} bytes; the limit is {limit} (Ingestion:MaxBodyBytes). Split it into smaller batches.",
                },
            });
            return;
        }

        if (context.Request.ContentLength is null && feature is null)
        {
            // Servers without the feature (the test server) get the same limit from a counting stream.
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }

        await next(context);
    }
}
