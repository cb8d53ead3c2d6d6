using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Reacts to stored events at once: enrols event-triggered workflows, wakes journeys waiting for the event,
/// ends journeys whose exit rule now holds (a recalled contact came back), and marks goals reached.
/// </summary>
public sealed class JourneyEventObserver(IDbContextFactory<AutomationDb> dbFactory, EfWorkflowVersions versions, TimeProvider time) : IContactEventObserver
{
    public async Task OnEventsAsync(IReadOnlyList<ContactEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var published = await versions.PublishedAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contactIds = events.Select(e => e.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.Include(c => c.PushTokens).Include(c => c.Interests).AsSplitQuery()
            .Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var journeys = await db.Journeys.Where(j => contactIds.Contains(j.ContactId) && (j.ActiveKey != null || j.GoalReachedAt == null))
            .ToListAsync(cancellationToken);

        var enroller = new EfJourneyEnroller(db, time);
        foreach (var contactEvent in events.OrderBy(e => e.Timestamp))
        {
            if (!contacts.TryGetValue(contactEvent.ContactId, out var contact))
            {
                continue;
            }

            var facts = ContactFacts.From(contact, now);
            var eventFacts = EventFacts.From(contactEvent);
            foreach (var journey in journeys.Where(j => j.ContactId == contact.Id))
            {
                var workflow = await versions.GetAsync(journey.WorkflowVersionId, cancellationToken);
                if (workflow is null)
                {
                    continue;
                }

                React(workflow, journey, facts, eventFacts, contactEvent, now, db);
            }

            foreach (var workflow in published.Where(w => w.Trigger.Type == ActivityTypes.EventReceived
                && string.Equals(ActivityInputs.Text(w.Trigger, "event"), contactEvent.Name, StringComparison.OrdinalIgnoreCase)))
            {
                var rule = ActivityInputs.Text(workflow.Trigger, "rule") is { } name ? workflow.Rules.Get(name) : null;
                if (rule is null || rule.Evaluate(facts, eventFacts))
                {
                    await enroller.EnrolContactAsync(workflow, contact.Id, $"event:{contactEvent.Id}", eventFacts.ToJson().ToJsonString(), cancellationToken);
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A sweep moved one of these journeys meanwhile; its exit rule and waits are checked again when it next runs.
        }
    }

    private static void React(ExecutableWorkflow workflow, Journey journey, ContactFacts facts, EventFacts eventFacts, ContactEvent contactEvent, DateTime now, AutomationDb db)
    {
        if (workflow.Definition.Settings.Goal is { } goal && journey.GoalReachedAt is null
            && string.Equals(goal.Event, contactEvent.Name, StringComparison.OrdinalIgnoreCase)
            && contactEvent.Timestamp >= journey.EnteredAt && contactEvent.Timestamp <= journey.EnteredAt.AddDays(goal.WithinDays)
            && (goal.Rule is null || workflow.Rules.Get(goal.Rule).Evaluate(facts, eventFacts)))
        {
            journey.ReachGoal(contactEvent.Timestamp);
        }

        if (!journey.IsActive)
        {
            return;
        }

        if (workflow.ExitRule is { } exit && exit.Evaluate(facts))
        {
            db.JourneySteps.Add(new JourneyStep(journey, journey.ActivityId, "exited", now, $"exit rule '{exit.Name}' holds"));
            journey.Exit($"exit rule '{exit.Name}' holds", now);
            return;
        }

        if (journey.Status == JourneyStatus.Waiting && journey.WaitingEvent is { } awaited
            && string.Equals(awaited, contactEvent.Name, StringComparison.OrdinalIgnoreCase))
        {
            var node = workflow.Activity(journey.ActivityId);
            var rule = ActivityInputs.Text(node, "rule") is { } name ? workflow.Rules.Get(name) : null;
            if (rule is null || rule.Evaluate(facts, eventFacts))
            {
                journey.Resume("Received", now);
            }
        }
    }
}
