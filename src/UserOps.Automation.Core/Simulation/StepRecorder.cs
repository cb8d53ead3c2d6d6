using System.Text.Json.Nodes;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Simulation;

/// <summary>Turns what the runner committed (steps, messages, coupons, webhooks) into the simulation's step list and path.</summary>
internal sealed class StepRecorder(ExecutableWorkflow workflow, Journey journey, Contact contact, SimulatedDispatch dispatch, TimeZoneInfo zone, bool describedContact)
{
    public List<SimulatedStep> Steps { get; } = [];
    public List<PathEdge> Path { get; } = [];

    public void Add(SimulatedStep step) => Steps.Add(step);

    public SimulatedStep Step(string activityId, string outcome, DateTime at, string? detail = null) =>
        new(activityId, workflow.Activity(activityId).Type, outcome, at, SimulationTimes.Local(at, zone)) { Detail = detail };

    public void Edge(string source, string port)
    {
        if (workflow.Next(source, port) is { } target)
        {
            Path.Add(new PathEdge(source, port, target));
        }
    }

    public async Task RecordAsync(JourneyEffects effects, CancellationToken cancellationToken)
    {
        for (var i = 0; i < effects.Steps.Count; i++)
        {
            var taken = effects.Steps[i];
            var node = workflow.Activity(taken.ActivityId);
            var step = Step(taken.ActivityId, taken.Outcome, taken.At, taken.Detail);
            if (taken.Outcome == "waiting")
            {
                // Only a batch's last step can begin a wait: the journey parks there until its due time.
                var until = journey.DueAt ?? taken.At;
                step = step with { Detail = WaitDetail(node), Until = until, LocalUntil = SimulationTimes.Local(until, zone) };
            }
            else if (taken.Outcome == "exited" && node.Type == ActivityTypes.RandomSplit)
            {
                step = step with { Detail = $"{taken.Detail}: {Explain(node, ActivityExecutor.HoldoutVariant)}" };
            }
            else if (taken.Outcome is not ("exited" or "completed" or "failed"))
            {
                Edge(taken.ActivityId, taken.Outcome);
                step = step with { Detail = taken.Detail ?? Explain(node, taken.Outcome) };
            }

            var key = $":{taken.ActivityId}:";
            if (effects.Messages.FirstOrDefault(m => m.ActivityId == taken.ActivityId) is { } message)
            {
                step = step with { Message = await dispatch.DispatchAsync(message, contact, cancellationToken) };
            }

            if (effects.Coupons.FirstOrDefault(c => c.IdempotencyKey.Contains(key, StringComparison.Ordinal)) is { } coupon)
            {
                step = step with { Coupon = new SimulatedCoupon(coupon.Code, coupon.Campaign, coupon.Value, coupon.ExpiresAt) };
            }

            if (effects.Webhooks.FirstOrDefault(w => w.IdempotencyKey.Contains(key, StringComparison.Ordinal)) is { } webhook)
            {
                step = step with { Webhook = new SimulatedWebhook(webhook.Url, JsonNode.Parse(webhook.Payload)) };
            }

            Steps.Add(step);
        }
    }

    private string? Explain(ActivityNode node, string port)
    {
        switch (node.Type)
        {
            case ActivityTypes.If:
                var rule = workflow.Rules.Get(ActivityInputs.RequiredText(node, "rule"));
                return $"rule '{rule.Name}' ({rule.Source.Expression}) {(port == "True" ? "holds" : "does not hold")}";
            case ActivityTypes.Switch:
                return port == "Default" ? "no case's rule holds" : $"case '{port}': rule '{ActivityInputs.Cases(node).First(c => c.Port == port).Rule}' holds";
            case ActivityTypes.RandomSplit:
                var bucket = ActivityExecutor.Bucket(journey.DefinitionId, node.Id, journey.ContactId);
                var who = describedContact ? "a described contact (id 0 stands in; pick a stored contact for its own branch)" : $"contact {journey.ContactId}";
                return $"deterministic, not random: {who} falls at {bucket:0.00} of 100 on this split, so always branch '{port}'";
            default:
                return null;
        }
    }

    private static string WaitDetail(ActivityNode node) => node.Type switch
    {
        ActivityTypes.Delay => "delay",
        ActivityTypes.WaitForEvent => $"waits for event '{ActivityInputs.RequiredText(node, "event")}'",
        _ => "waits until",
    };
}
