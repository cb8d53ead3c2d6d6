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

                if (JourneyEvents.React(workflow, journey, facts, eventFacts, contactEvent, now) is { } exited)
                {
                    db.JourneySteps.Add(exited);
                }
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
}
