using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.IntegrationTests.Messaging.Fakes;

/// <summary>
/// A browser push service (RFC 8030) on loopback: <c>POST /push/{id}</c> keeps the request's headers and
/// encrypted body and answers 201 Created, as Mozilla's and Google's services do. A subscription id starting with
/// <c>expired-</c> gets 404, <c>revoked-</c> 410 Gone (the browser unsubscribed).
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private LoopbackHttpServer _server = null!;

    public ConcurrentQueue<Request> Requests { get; } = new();

    public Uri BaseUrl => _server.BaseUrl;

    public string Endpoint(string id) => new Uri(BaseUrl, "push/" + id).ToString();

    public static async Task<FakePushService> StartAsync()
    {
        var fake = new FakePushService();
        fake._server = await LoopbackHttpServer.StartAsync(app => app.MapPost("/push/{id}", fake.HandleAsync));
        return fake;
    }

    private async Task<IResult> HandleAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new Request(id, headers, body.ToArray()));
        return id switch
        {
            _ when id.StartsWith("expired-", StringComparison.Ordinal) => Results.NotFound(),
            _ when id.StartsWith("revoked-", StringComparison.Ordinal) => Results.StatusCode(StatusCodes.Status410Gone),
            _ => Results.Created(new Uri(BaseUrl, "message/" + Guid.NewGuid().ToString("N")), null),
        };
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    public sealed record Request(string Subscription, IReadOnlyDictionary<string, string> Headers, byte[] Body);
}
