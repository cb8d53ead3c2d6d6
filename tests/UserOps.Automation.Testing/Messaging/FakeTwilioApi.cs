using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace UserOps.Automation.Testing.Messaging;

/// <summary>
/// Speaks Twilio's Messages API on loopback: Basic auth with the account SID and token, form fields in,
/// snake_case JSON out (RFC 1123 dates with the right weekday, or the SDK's parser throws), and Twilio's
/// error JSON. <see cref="Answer"/> decides what the next requests get.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token";

    private LoopbackHttpServer _server = null!;
    private int _queued;

    public enum Behaviour
    {
        Queue,
        TooManyRequests,
        ServerError,
        InvalidNumber,
        Unsubscribed,
        Stall,
    }

    public Behaviour Answer { get; set; } = Behaviour.Queue;

    public DateTimeOffset Now { get; set; } = new(2026, 4, 28, 8, 0, 0, TimeSpan.Zero);

    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    /// <summary>Keep each request's form fields in <see cref="Requests"/> (the default); off (benchmarks), only count them.</summary>
    public bool KeepRequests { get; set; } = true;

    /// <summary>Messages answered 201 (queued) so far.</summary>
    public int Queued => Volatile.Read(ref _queued);

    public Uri BaseUrl => _server.BaseUrl;

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var fake = new FakeTwilioApi();
        fake._server = await LoopbackHttpServer.StartAsync(app => app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", fake.HandleAsync));
        return fake;
    }

    private async Task<IResult> HandleAsync(string sid, HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (sid != AccountSid || request.Headers.Authorization.ToString() != expected)
        {
            return Error(401, 20003, "Authenticate");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (KeepRequests)
        {
            Requests.Enqueue(fields);
        }

        switch (Answer)
        {
            case Behaviour.TooManyRequests:
                return Error(429, 20429, "Too Many Requests");
            case Behaviour.ServerError:
                return Error(500, 20500, "Internal Server Error");
            case Behaviour.InvalidNumber:
                return Error(400, 21211, $"The 'To' number {fields.GetValueOrDefault("To")} is not a valid phone number.");
            case Behaviour.Unsubscribed:
                return Error(400, 21610, "Attempt to send to unsubscribed recipient");
            case Behaviour.Stall:
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                break;
        }

        Interlocked.Increment(ref _queued);
        var messageSid = "SM" + Guid.NewGuid().ToString("N");
        var created = Now.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = messageSid,
            ["account_sid"] = AccountSid,
            ["to"] = fields.GetValueOrDefault("To"),
            ["from"] = fields.GetValueOrDefault("From"),
            ["messaging_service_sid"] = fields.GetValueOrDefault("MessagingServiceSid"),
            ["body"] = fields.GetValueOrDefault("Body"),
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["num_media"] = "0",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["date_created"] = created,
            ["date_updated"] = created,
            ["date_sent"] = null,
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}.json",
        }, statusCode: 201);
    }

    private static IResult Error(int status, int code, string message) => Results.Json(new
    {
        code,
        message,
        more_info = $"https://www.twilio.com/docs/errors/{code}",
        status,
    }, statusCode: status);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
