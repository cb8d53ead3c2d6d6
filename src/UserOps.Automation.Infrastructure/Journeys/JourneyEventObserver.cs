using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Workflows;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Reacts to applied events (ADR 0009): enrols event-triggered workflows, wakes journeys waiting for the event, ends
/// journeys whose exit rule now holds (a recalled contact came back), and marks goals reached. Runs inside the event
/// applier's round, so its writes commit with the facts they were decided on, or not at all. The contacts come from
/// the round, untracked; only the journeys of the round's contacts are read (tracked: few, and their <c>Step</c> check
/// keeps a journey a sweep moved meanwhile from being overwritten).
/// </summary>
public sealed class JourneyEventObserver(IDbContextFactory<AutomationDb> dbFactory, EfWorkflowVersions versions, TimeProvider time) : IAppliedEventsObserver
{
    /// <summary>Outside an applier round (tests that store events themselves): the same reactions in a transaction of their own.</summary>
    public async Task OnEventsAsync(IReadOnlyList<ContactEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contactIds = events.Select(e => e.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Include(c => c.PushTokens).Include(c => c.Interests).AsSingleQuery()
            .Where(c => EF.Parameter(contactIds).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await OnAppliedAsync(db, events, contacts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task OnAppliedAsync(AutomationDb db, IReadOnlyList<ContactEvent> events, IReadOnlyDictionary<long, Contact> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(contacts);
        if (events.Count == 0)
        {
            return;
        }

        var triggered = (await versions.PublishedAsync(cancellationToken)).Where(w => w.Trigger.Type == ActivityTypes.EventReceived).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var contactIds = events.Select(e => e.ContactId).Distinct().ToList();
        var journeys = (await db.Journeys.Where(j => EF.Parameter(contactIds).Contains(j.ContactId) && (j.ActiveKey != null || j.GoalReachedAt == null))
            .ToListAsync(cancellationToken)).ToLookup(j => j.ContactId);
        if (journeys.Count == 0 && triggered.Count == 0)
        {
            return;
        }

        var enroller = new EfJourneyEnroller(db, time);
        foreach (var contactEvent in events.OrderBy(e => e.Timestamp))
        {
            if (!contacts.TryGetValue(contactEvent.ContactId, out var contact))
            {
                continue;
            }

            // Most events of a busy round meet no journey and no trigger: build the facts only for those that do.
            var ofContact = journeys[contact.Id];
            var matching = triggered.Where(w => string.Equals(ActivityInputs.Text(w.Trigger, "event"), contactEvent.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (!ofContact.Any() && matching.Count == 0)
            {
                continue;
            }

            var facts = ContactFacts.From(contact, now);
            var eventFacts = EventFacts.From(contactEvent);
            foreach (var journey in ofContact)
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

            foreach (var workflow in matching)
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
            // Inside the round's transaction EF Core saves under a savepoint: a conflict rolls back these journey
            // writes only, not the round's facts and stays.
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A sweep moved one of these journeys meanwhile; its exit rule and waits are checked again when it next runs.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
