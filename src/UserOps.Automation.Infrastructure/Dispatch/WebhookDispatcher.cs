using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Delivers the webhook calls journeys asked for, in the dispatcher's loop: a JSON POST with an
/// <c>Idempotency-Key</c> header; 2xx delivers, 4xx (but 408 and 429) fails for good, the rest is retried
/// with the row's own backoff. A host dying mid-call means the call may be repeated: receivers dedupe on the key.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<AutomationDb> dbFactory, IHttpClientFactory httpClients, IOptions<DispatchOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";

    public async Task<int> DeliverDueAsync(string owner, int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await OutboxClaims.ClaimWebhooksAsync(db, now, batchSize, owner, now + TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var rows = await db.WebhookDeliveries.Where(w => ids.Contains(w.Id)).ToListAsync(cancellationToken);
        var http = httpClients.CreateClient(HttpClientName);
        var settings = options.Value.Webhooks;
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, token) =>
        {
            var (error, permanent) = await PostAsync(http, row.Url, row.Payload, row.IdempotencyKey, TimeSpan.FromSeconds(settings.TimeoutSeconds), token);
            var at = time.GetUtcNow().UtcDateTime;
            if (error is null)
            {
                row.Delivered(at);
            }
            else
            {
                row.AttemptFailed(error, at, settings.MaxAttempts, permanent);
                logger.LogInformation("Webhook {Key} attempt {Attempt} failed: {Error}", row.IdempotencyKey, row.Attempts, error);
            }
        });
        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    internal static async Task<(string? Error, bool Permanent)> PostAsync(HttpClient http, string url, string payload, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (null, false);
            }

            var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            return ($"HTTP {status} {response.ReasonPhrase}", permanent);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"timed out after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.#} s", false);
        }
        catch (HttpRequestException ex)
        {
            return (ex.Message, false);
        }
    }
}
