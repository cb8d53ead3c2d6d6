using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Simulation;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Simulation;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Host.Workflows;

/// <summary>The designer's what-ifs: the path a contact would take (nothing sent or written), and whom a trigger reaches now.</summary>
internal static class SimulationEndpoints
{
    public static void MapSimulationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(AutomationHost.WritePolicy);

        // Viewer: a simulation and an estimate change nothing, so whoever may look at a workflow may ask.
        group.MapPost("/simulate", SimulateAsync).RequireRole(AccessRole.Viewer);
        group.MapPost("/audience", AudienceEstimates.EstimateAsync).RequireRole(AccessRole.Viewer);
    }

    private static async Task<Results<Ok<SimulationResult>, ValidationProblem, ProblemHttpResult>> SimulateAsync(
        SimulateRequest request, WorkflowService workflows, WorkflowSimulation simulation, CancellationToken cancellationToken)
    {
        if (request.Definition is not { ValueKind: JsonValueKind.Object } json)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = ["The workflow definition (as JSON, like a file in workflows/) is required."] });
        }

        WorkflowDefinition? definition;
        try
        {
            definition = json.Deserialize<WorkflowDefinition>(WorkflowJson.Options);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = [$"{e.Message.Split(" Path:")[0]} (path {e.Path})"] });
        }

        if (definition is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["definition"] = ["The body holds no workflow definition."] });
        }

        // The engine runs only valid workflows: the same problems the canvas shows, with their activity ids.
        var problems = WorkflowValidator.Validate(definition, await workflows.ReferencesAsync(cancellationToken));
        if (problems.Count > 0)
        {
            return TypedResults.Problem(
                title: "The workflow cannot be simulated",
                detail: string.Join("; ", problems.Select(p => p.ToString())),
                statusCode: 400,
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        var errors = request.Read(definition, out var events, out var waits, out var trigger);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var order = new SimulationOrder(definition)
        {
            ContactExternalId = string.IsNullOrWhiteSpace(request.ContactExternalId) ? null : request.ContactExternalId.Trim(),
            Described = request.Contact,
            TriggerEvent = trigger,
            Events = events,
            Waits = waits,
            StartAt = request.StartAt,
            IgnoreEntry = request.IgnoreEntry,
        };
        var (result, invalid) = await simulation.RunAsync(order, cancellationToken);
        return result is null ? TypedResults.ValidationProblem(invalid) : TypedResults.Ok(result);
    }
}
