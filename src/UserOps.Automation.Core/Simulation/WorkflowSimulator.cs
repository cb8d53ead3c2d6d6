using Microsoft.Extensions.Logging.Abstractions;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;

namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// Runs one contact through a workflow with the production engine (<see cref="JourneyRunner"/>, <see cref="ActivityExecutor"/>,
/// <see cref="JourneyEvents"/>, the compiled rules, the template renderer and the dispatch guards) against in-memory ports
/// and a simulated clock: a delay of 15 days takes no time, and nothing is written, sent or enrolled (ADR 0012).
/// </summary>
public sealed class WorkflowSimulator(ITemplateStore templates, ITemplateRenderer renderer)
{
    private const int MaxWakeUps = 1000;

    public async Task<SimulationResult> RunAsync(SimulationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (workflow, contact, start) = (input.Workflow, input.Contact, DateTime.SpecifyKind(input.StartAt, DateTimeKind.Utc));
        var zone = TimeZones.Find(contact.TimeZone) ?? workflow.DefaultZone;
        var clock = new SimulationClock(start);

        // An event trigger's event is folded into the contact's facts before the observer enrols it, as ingestion does.
        ContactEvent? trigger = null;
        if (workflow.Trigger.Type == ActivityTypes.EventReceived)
        {
            trigger = input.TriggerEvent ?? new ContactEvent(contact.Id, ActivityInputs.RequiredText(workflow.Trigger, "event"), start, start);
            contact.Apply(trigger, input.FactsPolicy, start);
        }

        var triggerFacts = trigger is null ? null : EventFacts.From(trigger);
        var entry = SimulatedEntry.Check(input, ContactFacts.From(contact, start), triggerFacts);
        var journey = new Journey(workflow.VersionId, workflow.DefinitionId, contact.Id, workflow.FirstActivity ?? workflow.Trigger.Id, start, "simulation")
        {
            TriggerEvent = triggerFacts?.ToJson(),
        };
        var recorder = new StepRecorder(workflow, journey, contact, new SimulatedDispatch(templates, renderer, input, zone), zone, contact.Id == 0);
        var notes = new List<string>();
        if (!entry.Enters && !input.IgnoreEntry)
        {
            recorder.Add(recorder.Step(workflow.Trigger.Id, "not entered", start, entry.Reason));
            return Result(input, zone, entry, recorder, new SimulatedOutcome("NotEntered", entry.Reason, start, SimulationTimes.Local(start, zone)), null, notes);
        }

        if (!entry.Enters)
        {
            notes.Add($"Run as if the contact entered, though it would not: {entry.Reason}.");
        }

        recorder.Add(recorder.Step(workflow.Trigger.Id, "Done", start, entry.Reason));
        if (workflow.FirstActivity is null)
        {
            return Result(input, zone, entry, recorder, new SimulatedOutcome("Completed", "the trigger leads nowhere", start, SimulationTimes.Local(start, zone)), null, notes);
        }

        recorder.Edge(workflow.Trigger.Id, "Done");
        var store = new SimulatedJourneyStore(journey, contact);
        var runner = new JourneyRunner(store, new SimulatedWorkflowVersions(workflow), clock, NullLogger<JourneyRunner>.Instance) { MessageExpiry = input.MessageExpiry };
        var events = new Queue<ScriptedEvent>(input.Events.OrderBy(e => e.After));
        SimulatedOutcome? stopped = null;
        for (var wakeUps = 0; journey.IsActive; wakeUps++)
        {
            await runner.RunDueAsync("simulation", 1, cancellationToken);
            foreach (var effects in store.Committed)
            {
                await recorder.RecordAsync(effects, cancellationToken);
            }

            store.Committed.Clear();
            if (!journey.IsActive)
            {
                break;
            }

            if (wakeUps >= MaxWakeUps || journey.DueAt is not { } wake || wake > start + input.Horizon)
            {
                stopped = new SimulatedOutcome("Waiting", $"still at '{journey.ActivityId}' when the simulation stopped ({input.Horizon.TotalDays:0} days ahead)", clock.Now, SimulationTimes.Local(clock.Now, zone));
                break;
            }

            if (journey.Status == JourneyStatus.Waiting && journey.WaitingEvent is { } awaited
                && input.Waits.GetValueOrDefault(journey.ActivityId) == WaitChoice.Received)
            {
                // The operator chose Received: the awaited event arrives as the wait begins.
                recorder.Add(recorder.Step(journey.ActivityId, "event", clock.Now, $"the contact sends '{awaited}' (chosen: Received)"));
                Deliver(input, journey, contact, new ScriptedEvent(awaited, clock.Now - start), clock, recorder, forceResume: true);
                continue;
            }

            var woken = false;
            while (!woken && events.TryPeek(out var next) && start + next.After <= wake)
            {
                Deliver(input, journey, contact, events.Dequeue(), clock, recorder, forceResume: false);
                woken = !journey.IsActive || journey.DueAt <= clock.Now;
            }

            if (!woken)
            {
                clock.MoveTo(wake);
            }
        }

        // Events after the journey ended still count toward its goal, as the observer counts them.
        while (!journey.IsActive && events.TryDequeue(out var late))
        {
            Deliver(input, journey, contact, late, clock, recorder, forceResume: false);
        }

        var outcome = stopped ?? new SimulatedOutcome(journey.Status.ToString(), journey.EndReason, journey.EndedAt ?? clock.Now, SimulationTimes.Local(journey.EndedAt ?? clock.Now, zone));
        return Result(input, zone, entry, recorder, outcome, journey.GoalReachedAt, notes);
    }

    private static void Deliver(SimulationInput input, Journey journey, Contacts.Contact contact, ScriptedEvent scripted, SimulationClock clock, StepRecorder recorder, bool forceResume)
    {
        var at = input.StartAt + scripted.After;
        clock.MoveTo(at);
        var contactEvent = new ContactEvent(contact.Id, scripted.Name, at, at)
        {
            Properties = (System.Text.Json.Nodes.JsonObject)scripted.Properties.DeepClone(),
            AmountMinor = scripted.AmountMinor,
            Currency = scripted.Currency,
            Category = scripted.Category,
        };
        contact.Apply(contactEvent, input.FactsPolicy, at);
        var hadGoal = journey.GoalReachedAt is not null;
        var wasActive = journey.IsActive;
        var exited = JourneyEvents.React(input.Workflow, journey, ContactFacts.From(contact, at), EventFacts.From(contactEvent), contactEvent, at);
        if (forceResume && journey.IsActive && journey.Status == JourneyStatus.Waiting)
        {
            journey.Resume("Received", at);
        }

        if (!forceResume)
        {
            var effect = exited is not null ? "; the exit rule now holds"
                : wasActive && journey.IsActive && journey.DueAt <= at ? "; it wakes the wait (Received)"
                : string.Empty;
            recorder.Add(recorder.Step(journey.ActivityId, "event", at, $"the contact sends '{scripted.Name}'{effect}"));
        }

        if (!hadGoal && journey.GoalReachedAt is not null)
        {
            recorder.Add(recorder.Step(journey.ActivityId, "goal", at, $"goal reached: '{scripted.Name}' within {input.Workflow.Definition.Settings.Goal!.WithinDays} days of entering"));
        }

        if (exited is not null)
        {
            recorder.Add(recorder.Step(exited.ActivityId, exited.Outcome, at, exited.Detail));
        }
    }

    private static SimulationResult Result(
        SimulationInput input, TimeZoneInfo zone, EntryCheck entry, StepRecorder recorder, SimulatedOutcome outcome, DateTime? goal, List<string> notes) =>
        new(zone.Id, entry, recorder.Steps, recorder.Path, outcome) { GoalReachedAt = goal, Notes = notes };
}
