using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Host.Rules;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Workflows;

/// <summary>
/// How many contacts a trigger reaches now. A segment: its rule counted over the contacts now (the database does the
/// scan), beside its size at the last refresh. An event: the contacts who sent it lately and, with a rule, those it
/// lets in — a contact rule in SQL, a rule over the event on the most recent events in memory.
/// </summary>
internal static class AudienceEstimates
{
    /// <summary>Events a rule over the event itself is judged on: enough for a share, bounded for the request.</summary>
    private const int EventSample = 2000;

    private const int SampleSize = 5;

    public static async Task<Results<Ok<AudienceEstimate>, ValidationProblem>> EstimateAsync(
        AudienceRequest request, AutomationDb db, RuleCatalog rules, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var contacts = await db.Contacts.CountAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.Segment))
        {
            var segment = await db.Segments.AsNoTracking().SingleOrDefaultAsync(s => s.Key == request.Segment, cancellationToken);
            if (segment is null || rules.Find(segment.Rule) is not { UsesEvent: false } rule)
            {
                return Invalid("segment", $"There is no segment '{request.Segment}'.");
            }

            var (count, sample) = await RuleAudience.MatchAsync(db.Contacts.AsNoTracking(), rule, now, SampleSize, cancellationToken);
            var refreshed = segment.LastRefreshedAt is { } at
                ? $"{segment.MemberCount.ToString("N0", CultureInfo.InvariantCulture)} at the last refresh ({at:yyyy-MM-dd HH:mm} UTC)"
                : "not refreshed yet";
            return TypedResults.Ok(new AudienceEstimate("segment", count, contacts,
                $"{count.ToString("N0", CultureInfo.InvariantCulture)} contacts match rule '{rule.Name}' of segment '{segment.Key}' now; {refreshed}.", sample)
            {
                SegmentMembers = segment.MemberCount,
                LastRefreshedAt = segment.LastRefreshedAt,
            });
        }

        if (!string.IsNullOrWhiteSpace(request.Event))
        {
            return await EventAsync(request, db, rules, now, contacts, cancellationToken);
        }

        return Invalid("segment", "Name a segment (Segment entered, Schedule) or an event (Event trigger).");
    }

    private static async Task<Results<Ok<AudienceEstimate>, ValidationProblem>> EventAsync(
        AudienceRequest request, AutomationDb db, RuleCatalog rules, DateTime now, int contacts, CancellationToken cancellationToken)
    {
        var days = request.Days ?? 30;
        if (days is < 1 or > 3650)
        {
            return Invalid("days", "Days must be 1–3650.");
        }

        CompiledRule? rule = null;
        if (!string.IsNullOrWhiteSpace(request.Rule) && (rule = rules.Find(request.Rule)) is null)
        {
            return Invalid("rule", $"There is no rule named '{request.Rule}'.");
        }

        var name = request.Event!.Trim();
        var since = now.AddDays(-days);
        var events = db.Events.AsNoTracking().Where(e => e.Name == name && e.Timestamp >= since);
        var senders = db.Contacts.AsNoTracking().Where(c => events.Any(e => e.ContactId == c.Id));
        var lately = $"in the last {days} days";
        if (rule is null)
        {
            var (count, sample) = await RuleAudience.CountAsync(senders, SampleSize, cancellationToken);
            return TypedResults.Ok(new AudienceEstimate("event", count, contacts, $"{count:N0} contacts sent '{name}' {lately}.", sample));
        }

        if (!rule.UsesEvent)
        {
            var (count, sample) = await RuleAudience.MatchAsync(senders, rule, now, SampleSize, cancellationToken);
            return TypedResults.Ok(new AudienceEstimate("event", count, contacts, $"{count:N0} contacts sent '{name}' {lately} and match rule '{rule.Name}' now.", sample));
        }

        // A rule over the event's own properties cannot be translated to SQL: judge the latest events in memory.
        var latest = await events.OrderByDescending(e => e.Timestamp).Take(EventSample).ToListAsync(cancellationToken);
        var ids = latest.Select(e => e.ContactId).Distinct().ToList();
        var byId = await db.Contacts.AsNoTracking().Include(c => c.PushTokens).Include(c => c.Interests).AsSplitQuery()
            .Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var passing = latest.Where(e => byId.TryGetValue(e.ContactId, out var c) && rule.Evaluate(ContactFacts.From(c, now), EventFacts.From(e)))
            .Select(e => e.ContactId).Distinct().ToList();
        var sampled = latest.Count == EventSample;
        var scope = sampled ? $"the latest {EventSample:N0} '{name}' events" : $"the '{name}' events {lately}";
        return TypedResults.Ok(new AudienceEstimate("event", passing.Count, contacts,
            $"{passing.Count:N0} contacts sent an event that rule '{rule.Name}' lets in, judged on {scope}.",
            passing.Take(SampleSize).Select(id => byId[id].ExternalId).ToList()) { Sampled = sampled });
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
