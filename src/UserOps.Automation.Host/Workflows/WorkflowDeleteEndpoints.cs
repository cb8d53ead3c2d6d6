using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Infrastructure.Journeys;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// <c>DELETE /api/workflows/{id}</c>: an editor deletes a workflow that was never published; one that was needs a
/// publisher; one with running journeys is refused with 409 naming how many (retire it, then delete it once they
/// end). Rules and audit are <see cref="WorkflowDeleter"/>'s, shared with the command line.
/// </summary>
internal static class WorkflowDeleteEndpoints
{
    public static void MapWorkflowDeleteEndpoints(this RouteGroupBuilder group) =>
        group.MapDelete("/{definitionId}", DeleteAsync).RequireRole(AccessRole.Editor);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string definitionId, HttpContext http, WorkflowDeleter deleter, BlastSchedules blasts, EfWorkflowVersions versions, CancellationToken cancellationToken)
    {
        var mayDeletePublished = RoleRequirement.RoleOf(http.User) >= AccessRole.Publisher;
        var result = await deleter.DeleteAsync(definitionId, mayDeletePublished, cancellationToken);
        switch (result.Outcome)
        {
            case WorkflowDeletionOutcome.NotFound:
                return TypedResults.Problem(title: "Workflow not found", detail: $"There is no workflow '{definitionId}'.", statusCode: 404);
            case WorkflowDeletionOutcome.NeedsPublisher:
                return TypedResults.Problem(
                    title: "Publisher role needed",
                    detail: $"Workflow '{definitionId}' has been published; deleting it needs the publisher role. An editor may delete workflows that were never published.",
                    statusCode: 403);
            case WorkflowDeletionOutcome.HasRunningJourneys:
                return TypedResults.Problem(
                    title: "Journeys are running",
                    detail: $"Workflow '{definitionId}' has {result.RunningJourneys} running journeys. Retire it so nobody new enters, and delete it once they have ended.",
                    statusCode: 409,
                    extensions: new Dictionary<string, object?> { ["runningJourneys"] = result.RunningJourneys });
            default:
                if (result.WasPublished)
                {
                    versions.Invalidate();
                    await blasts.SyncAsync(cancellationToken);
                }

                return TypedResults.NoContent();
        }
    }
}
