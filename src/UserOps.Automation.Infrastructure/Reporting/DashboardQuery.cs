using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Reporting;

/// <summary>
/// Computes the dashboard with grouped queries the database runs (counts per UTC date and hour); only the grouped
/// rows travel to the host, a few hundred at most whatever the number of messages or journeys.
/// </summary>
public sealed class DashboardQuery(IDbContextFactory<AutomationDb> dbFactory, RecallWorkflows recallWorkflows, TimeProvider time)
{
    public async Task<DashboardReport> RunAsync(DashboardRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (sends, totals) = await SendsAsync(db, range, cancellationToken);
        var previous = await TotalsAsync(db, range.From - (range.To - range.From), range.From, cancellationToken);
        var journeys = await JourneysAsync(db, range, cancellationToken);
        var recall = await RecallAsync(db, range, cancellationToken);
        var coupons = await CouponsAsync(db, range, cancellationToken);
        return new DashboardReport(range.From, range.To, range.Bucket, range.Starts(), sends, totals, previous, journeys, recall, coupons);
    }

    private static async Task<(List<ChannelSends>, MessageCounts)> SendsAsync(AutomationDb db, DashboardRange range, CancellationToken cancellationToken)
    {
        var (from, to) = (range.From, range.To);
        var messages = db.OutboxMessages.AsNoTracking().Where(m => m.CreatedAt >= from && m.CreatedAt < to);
        var rows = range.Hourly
            ? await messages.GroupBy(m => new { m.CreatedAt.Date, m.CreatedAt.Hour, m.Channel, m.Status })
                .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Channel, g.Key.Status, Count = g.LongCount() }).ToListAsync(cancellationToken)
            : await messages.GroupBy(m => new { m.CreatedAt.Date, m.Channel, m.Status })
                .Select(g => new { g.Key.Date, Hour = 0, g.Key.Channel, g.Key.Status, Count = g.LongCount() }).ToListAsync(cancellationToken);

        var sends = Enum.GetValues<Channel>().Select(channel =>
        {
            var points = Enumerable.Repeat(MessageCounts.Zero, range.Count).ToArray();
            foreach (var row in rows.Where(r => r.Channel == channel))
            {
                var index = range.IndexOf(row.Date, row.Hour);
                if (index >= 0)
                {
                    points[index] = points[index].Plus(Counts(row.Status, row.Count));
                }
            }

            return new ChannelSends(channel.ToString(), points.Aggregate(MessageCounts.Zero, (a, b) => a.Plus(b)), points);
        }).ToList();
        return (sends, sends.Aggregate(MessageCounts.Zero, (a, s) => a.Plus(s.Totals)));
    }

    private static async Task<MessageCounts> TotalsAsync(AutomationDb db, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.CreatedAt >= from && m.CreatedAt < to)
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return rows.Aggregate(MessageCounts.Zero, (a, r) => a.Plus(Counts(r.Key, r.Count)));
    }

    private async Task<ActiveJourneys> JourneysAsync(AutomationDb db, DashboardRange range, CancellationToken cancellationToken)
    {
        var (from, to) = (range.From, range.To);
        var journeys = db.Journeys.AsNoTracking();
        var now = await journeys.LongCountAsync(j => j.ActiveKey != null, cancellationToken);

        // Active at the end of a bucket = active at the start of the range + entered − ended since: three grouped counts, no scan per bucket.
        var atStart = await journeys.LongCountAsync(j => j.EnteredAt < from && (j.EndedAt == null || j.EndedAt >= from), cancellationToken);
        var entered = await PerBucketAsync(journeys.Where(j => j.EnteredAt >= from && j.EnteredAt < to).Select(j => j.EnteredAt), range, cancellationToken);
        var ended = await PerBucketAsync(journeys.Where(j => j.EndedAt >= from && j.EndedAt < to).Select(j => j.EndedAt!.Value), range, cancellationToken);
        var active = new long[range.Count];
        var running = atStart;
        var current = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < range.Count; i++)
        {
            running += entered[i] - ended[i];
            active[i] = range.From + (range.Size * i) <= current ? running : 0;
        }

        return new ActiveJourneys(now, active, entered, ended);
    }

    private async Task<RecallReport> RecallAsync(AutomationDb db, DashboardRange range, CancellationToken cancellationToken)
    {
        var (start, end) = (range.From, range.To);
        var workflows = await recallWorkflows.FindAsync(db, cancellationToken);
        var ids = workflows.Keys.ToList();
        var rows = await (
            from j in db.Journeys.AsNoTracking()
            join c in db.Contacts.AsNoTracking() on j.ContactId equals c.Id
            where ids.Contains(j.DefinitionId) && j.EnteredAt >= start && j.EnteredAt < end
            group new { j.GoalReachedAt, j.EnteredAt, c.LastActiveAt } by new { j.DefinitionId, Holdout = j.Variant == "holdout" } into g
            select new
            {
                g.Key.DefinitionId,
                g.Key.Holdout,
                Entered = g.LongCount(),
                Reactivated = g.LongCount(x => x.GoalReachedAt != null || x.LastActiveAt > x.EnteredAt),
            }).ToListAsync(cancellationToken);

        var groups = workflows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w =>
        {
            var treated = rows.Where(r => r.DefinitionId == w.Key && !r.Holdout).ToList();
            var holdout = rows.Where(r => r.DefinitionId == w.Key && r.Holdout).ToList();
            return new RecallGroup(w.Key, w.Value, treated.Sum(r => r.Entered), treated.Sum(r => r.Reactivated), holdout.Sum(r => r.Entered), holdout.Sum(r => r.Reactivated));
        }).ToList();
        var overall = new RecallGroup("*", "All recall workflows",
            groups.Sum(g => g.Treated), groups.Sum(g => g.TreatedReactivated), groups.Sum(g => g.Holdout), groups.Sum(g => g.HoldoutReactivated));
        return new RecallReport(overall, groups);
    }

    private async Task<CouponReport> CouponsAsync(AutomationDb db, DashboardRange range, CancellationToken cancellationToken)
    {
        var (from, to) = (range.From, range.To);
        var now = time.GetUtcNow().UtcDateTime;
        var coupons = db.Coupons.AsNoTracking();
        var issued = await PerBucketAsync(coupons.Where(c => c.IssuedAt >= from && c.IssuedAt < to).Select(c => c.IssuedAt), range, cancellationToken);
        var redeemed = await PerBucketAsync(coupons.Where(c => c.RedeemedAt >= from && c.RedeemedAt < to).Select(c => c.RedeemedAt!.Value), range, cancellationToken);
        var campaigns = await coupons.Where(c => c.IssuedAt >= from && c.IssuedAt < to)
            .GroupBy(c => c.Campaign)
            .Select(g => new
            {
                Campaign = g.Key,
                Issued = g.LongCount(),
                Redeemed = g.LongCount(c => c.RedeemedAt != null),
                Expired = g.LongCount(c => c.RedeemedAt == null && c.ExpiresAt < now),
            })
            .ToListAsync(cancellationToken);
        return new CouponReport(
            issued, redeemed, campaigns.Sum(c => c.Issued), campaigns.Sum(c => c.Redeemed), campaigns.Sum(c => c.Expired),
            campaigns.OrderByDescending(c => c.Issued).ThenBy(c => c.Campaign, StringComparer.Ordinal)
                .Select(c => new CampaignCoupons(c.Campaign, c.Issued, c.Redeemed)).ToList());
    }

    /// <summary>How many of the instants fall in each bucket, grouped by the database by UTC date (and hour).</summary>
    private static async Task<long[]> PerBucketAsync(IQueryable<DateTime> instants, DashboardRange range, CancellationToken cancellationToken)
    {
        var rows = range.Hourly
            ? await instants.GroupBy(at => new { at.Date, at.Hour }).Select(g => new { g.Key.Date, g.Key.Hour, Count = g.LongCount() }).ToListAsync(cancellationToken)
            : await instants.GroupBy(at => at.Date).Select(g => new { Date = g.Key, Hour = 0, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var counts = new long[range.Count];
        foreach (var row in rows)
        {
            var index = range.IndexOf(row.Date, row.Hour);
            if (index >= 0)
            {
                counts[index] += row.Count;
            }
        }

        return counts;
    }

    private static MessageCounts Counts(OutboxStatus status, long count) => status switch
    {
        OutboxStatus.Sent => MessageCounts.Zero with { Sent = count },
        OutboxStatus.Delivered => MessageCounts.Zero with { Delivered = count },
        OutboxStatus.Failed => MessageCounts.Zero with { Failed = count },
        OutboxStatus.Suppressed => MessageCounts.Zero with { Suppressed = count },
        OutboxStatus.Expired => MessageCounts.Zero with { Expired = count },
        _ => MessageCounts.Zero with { Pending = count },
    };
}
