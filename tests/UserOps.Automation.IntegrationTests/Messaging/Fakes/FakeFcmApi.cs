using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

using UserOps.Automation.Testing.Messaging;

namespace UserOps.Automation.IntegrationTests.Messaging.Fakes;

/// <summary>
/// FCM HTTP v1 on loopback. Bearer token checked; the device token decides the answer: <c>dead-*</c> gets 404
/// UNREGISTERED, <c>bad-*</c> 400 INVALID_ARGUMENT, <c>busy-*</c> 503 UNAVAILABLE, anything else a message name.
/// </summary>
public sealed class FakeFcmApi : IAsyncDisposable
{
    public const string AccessToken = "ya29.test-token";

    private LoopbackHttpServer _server = null!;

    public ConcurrentQueue<(string Project, JsonNode Body)> Requests { get; } = new();

    public Uri BaseUrl => _server.BaseUrl;

    public static async Task<FakeFcmApi> StartAsync()
    {
        var fake = new FakeFcmApi();
        fake._server = await LoopbackHttpServer.StartAsync(app => app.MapPost("/v1/projects/{project}/messages:send", fake.HandleAsync));
        return fake;
    }

    private async Task<IResult> HandleAsync(string project, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            return Error(401, "UNAUTHENTICATED", null, "Request had invalid authentication credentials.");
        }

        var body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) ?? new JsonObject();
        Requests.Enqueue((project, body));
        var token = body["message"]?["token"]?.GetValue<string>() ?? string.Empty;
        return token switch
        {
            _ when token.StartsWith("dead-", StringComparison.Ordinal) => Error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."),
            _ when token.StartsWith("bad-", StringComparison.Ordinal) => Error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"),
            _ when token.StartsWith("busy-", StringComparison.Ordinal) => Error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."),
            _ => Results.Json(new { name = $"projects/{project}/messages/0:{Guid.NewGuid():N}" }),
        };
    }

    private static IResult Error(int code, string status, string? errorCode, string message)
    {
        var details = new JsonArray();
        if (errorCode is not null)
        {
            details.Add(new JsonObject { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = errorCode });
        }

        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status, ["details"] = details } };
        return Results.Content(error.ToJsonString(), "application/json", statusCode: code);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
