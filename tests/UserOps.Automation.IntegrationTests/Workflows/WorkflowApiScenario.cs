using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Host.Operations;
using UserOps.Automation.IntegrationTests.Access;
using UserOps.Automation.Testing;

namespace UserOps.Automation.IntegrationTests.Workflows;

/// <summary>Workflows and audiences the launch and delete tests share: a blast over a segment of reachable contacts.</summary>
internal static class WorkflowApiScenario
{
    /// <summary>A Schedule workflow (weekly cron, never due in a test) whose one step tags the contact.</summary>
    public static JsonNode Blast(string id, string segment) => JsonNode.Parse($$"""
        {
          "definitionId": "{{id}}", "name": "Blast {{id}}", "version": 1,
          "root": {
            "activities": [
              { "id": "t", "type": "Schedule", "segment": "{{segment}}", "cron": "0 0 9 ? * MON", "timeZone": "UTC" },
              { "id": "tag", "type": "UpdateContact", "addTags": ["launched"] }
            ],
            "connections": [ { "source": { "activity": "t", "port": "Done" }, "target": { "activity": "tag", "port": "In" } } ]
          }
        }
        """)!;

    /// <summary>A segment on <c>reachable-email</c> and <paramref name="members"/> contacts in it (the launch refreshes it).</summary>
    public static async Task AddAudienceAsync(AccessApiFactory host, string segment, int members)
    {
        var now = host.Time.GetUtcNow().UtcDateTime;
        await using var db = host.CreateDb();
        db.Segments.Add(new Segment(segment, $"Audience {segment}", "reachable-email", now));
        for (var i = 0; i < members; i++)
        {
            db.Contacts.Add(new ContactBuilder($"{segment}-{i}", now.AddDays(-1)).WithEmail($"{segment}-{i}@example.com").WithConsent(true, false, false).Build());
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Saves and publishes <paramref name="definition"/> with the admin key.</summary>
    public static async Task PublishAsync(AccessApiFactory host, JsonNode definition)
    {
        using var admin = host.CreateKeyClient(AccessApiFactory.AdminKey);
        (await admin.PostAsJsonAsync("/api/workflows", definition)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/workflows/{definition["definitionId"]}/publish", null)).EnsureSuccessStatusCode();
    }

    public static Task WhenIdleAsync(AccessApiFactory host) => host.Services.GetRequiredService<BackgroundOperations>().WhenIdleAsync();
}
