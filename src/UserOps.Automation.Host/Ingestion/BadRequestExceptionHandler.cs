using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace UserOps.Automation.Host.Ingestion;

/// <summary>
/// Turns unreadable request bodies into problem details instead of a 500: malformed JSON (saying where),
/// a value of the wrong type (naming the field), a body over the limit (413).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var json = exception as JsonException ?? exception.InnerException as JsonException;
        ProblemDetails problem;
        if (json is not null)
        {
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON",
                Detail = Describe(json),
            };
            problem.Extensions["path"] = json.Path;
            problem.Extensions["line"] = json.LineNumber + 1;
            problem.Extensions["position"] = json.BytePositionInLine + 1;
        }
        else if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request is not valid",
                Detail = bad.Message,
            };
        }
        else
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string Describe(JsonException json)
    {
        // The message ends with "Path: … | LineNumber: … | BytePositionInLine: …", zero-based; say it in people's numbers.
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        var where = json.LineNumber is { } line ? $" at line {line + 1}, position {json.BytePositionInLine + 1}" : string.Empty;
        var path = string.IsNullOrEmpty(json.Path) ? string.Empty : $" (field {json.Path})";
        return $"{message.TrimEnd('.')}{where}{path}.";
    }
}
