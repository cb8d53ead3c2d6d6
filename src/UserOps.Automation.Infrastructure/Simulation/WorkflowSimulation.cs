using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Simulation;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Core.Workflows.Activities;
using UserOps.Automation.Infrastructure.Dispatch;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Simulation;

/// <summary>
/// Prepares a simulation from the store — the contact (read, never tracked), its history in the workflow, its capped sends
/// and suppressions, the segments' rules, the current facts and dispatch policies — and runs <see cref="WorkflowSimulator"/>.
/// It only reads: no journey, outbox row, coupon, webhook or contact change is written (ADR 0012).
/// </summary>
public sealed class WorkflowSimulation(
    AutomationDb db, RuleCatalog rules, ITemplateStore templates, ITemplateRenderer renderer, FactsPolicyProvider facts,
    IOptions<DispatchOptions> dispatch, TimeProvider time)
{
    /// <summary>The result, or the problems with the request by field (an unknown contact, facts that do not hold together).</summary>
    public async Task<(SimulationResult? Result, Dictionary<string, string[]> Errors)> RunAsync(SimulationOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var workflow = new ExecutableWorkflow(0, order.Definition, rules);
        var start = order.StartAt?.ToUniversalTime() ?? NextFiring(workflow) ?? time.GetUtcNow().UtcDateTime;
        var policy = await facts.GetAsync(db, cancellationToken);
        var options = dispatch.Value;
        var dispatchPolicy = options.ToPolicy();

        Contact contact;
        var history = ContactHistory.None;
        if (order.ContactExternalId is { } externalId)
        {
            var found = await db.Contacts.AsNoTracking().Include(c => c.PushTokens).Include(c => c.Interests).AsSplitQuery()
                .SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
            if (found is null)
            {
                return (null, new() { ["contact.externalId"] = [$"No contact with external id '{externalId}'."] });
            }

            contact = found;
            history = await HistoryAsync(contact, order.Definition.DefinitionId, start, dispatchPolicy.FrequencyWindow, cancellationToken);
        }
        else
        {
            var described = order.Described ?? new ContactDescription();
            var errors = described.Validate();
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            contact = described.Build(start, policy);
            history = history with { CappedSends = Enumerable.Repeat(start, described.CappedSendsInWindow).ToList() };
        }

        var segments = await db.Segments.AsNoTracking().Select(s => new { s.Key, s.Rule }).ToDictionaryAsync(s => s.Key, s => s.Rule, cancellationToken);
        var input = new SimulationInput(workflow, contact, start)
        {
            TriggerEvent = order.TriggerEvent is { } t ? ToEvent(contact, t, start) : null,
            Events = order.Events,
            Waits = order.Waits,
            History = history,
            SegmentRules = segments,
            IgnoreEntry = order.IgnoreEntry,
            FactsPolicy = policy,
            DispatchPolicy = dispatchPolicy,
            MessageExpiry = TimeSpan.FromHours(options.JourneyMessageExpiryHours),
            UnsubscribeUrl = $"{options.PublicBaseUrl.TrimEnd('/')}/u/simulated-link",
        };
        var result = await new WorkflowSimulator(templates, renderer).RunAsync(input, cancellationToken);
        return (result, []);
    }

    private async Task<ContactHistory> HistoryAsync(Contact contact, string definitionId, DateTime start, TimeSpan window, CancellationToken cancellationToken)
    {
        var journeys = await db.Journeys.AsNoTracking().Where(j => j.ContactId == contact.Id && j.DefinitionId == definitionId)
            .Select(j => new PastJourney(j.EnteredAt, j.ActiveKey != null)).ToListAsync(cancellationToken);

        // Counted as the dispatcher counts: what left within the window, and what is leaving now (Sending).
        var since = start - window;
        var sends = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ContactId == contact.Id && m.FrequencyCapped
                && (m.Status == OutboxStatus.Sending || ((m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Delivered) && m.SentAt >= since)))
            .Select(m => m.Status == OutboxStatus.Sending ? start : m.SentAt ?? start).ToListAsync(cancellationToken);

        var addresses = new List<(Channel Channel, string Address)>();
        if (contact.Email is { } email)
        {
            addresses.Add((Channel.Email, SuppressionEntry.Normalize(Channel.Email, email)));
        }

        if (contact.Phone is { } phone)
        {
            addresses.Add((Channel.Sms, SuppressionEntry.Normalize(Channel.Sms, phone)));
        }

        var values = addresses.Select(a => a.Address).ToList();
        var suppressed = (await db.Suppressions.AsNoTracking().Where(s => values.Contains(s.Address)).Select(s => new { s.Channel, s.Address }).ToListAsync(cancellationToken))
            .Where(s => addresses.Contains((s.Channel, s.Address))).Select(s => s.Channel).ToHashSet();
        return new ContactHistory(journeys, sends, suppressed);
    }

    /// <summary>A blast starts when it fires: its single date, or its cron's next firing, in its zone.</summary>
    private DateTime? NextFiring(ExecutableWorkflow workflow)
    {
        var trigger = workflow.Trigger;
        if (trigger.Type != ActivityTypes.Schedule)
        {
            return null;
        }

        var zone = ActivityInputs.Zone(trigger, "timeZone") ?? workflow.DefaultZone;
        var now = time.GetUtcNow();
        if (ActivityInputs.LocalDateTime(trigger, "at") is { } at)
        {
            var utc = TimeZones.ToUtc(at, zone);
            return utc > now.UtcDateTime ? utc : null;
        }

        if (ActivityInputs.Text(trigger, "cron") is { } text && Quartz.CronExpression.TryParse(text, out var cron))
        {
            return cron!.WithTimeZone(zone).GetNextValidTimeAfter(now)?.UtcDateTime;
        }

        return null;
    }

    private static ContactEvent ToEvent(Contact contact, ScriptedEvent e, DateTime at) => new(contact.Id, e.Name, at, at)
    {
        Properties = (System.Text.Json.Nodes.JsonObject)e.Properties.DeepClone(),
        AmountMinor = e.AmountMinor,
        Currency = e.Currency,
        Category = e.Category,
    };
}
