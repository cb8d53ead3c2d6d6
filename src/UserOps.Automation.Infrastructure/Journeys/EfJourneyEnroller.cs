using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Core.Workflows;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// Enrols contacts into a published workflow with one INSERT … SELECT: a whole segment is one statement,
/// not a round trip per contact. The entry policy, "one active journey per workflow" and "one journey per
/// enrolment source" are all conditions of that statement; the unique index of active journeys settles races (ADR 0020).
/// </summary>
public sealed class EfJourneyEnroller(AutomationDb db, TimeProvider time)
{
    /// <summary>Enrols the current members of <paramref name="segmentId"/> (a blast); <paramref name="runKey"/> names the firing.</summary>
    public Task<int> EnrolSegmentMembersAsync(ExecutableWorkflow workflow, long segmentId, string runKey, CancellationToken cancellationToken)
    {
        var m = new SqlNames<SegmentMembership>(db);
        var source = $"SELECT {m[nameof(SegmentMembership.ContactId)]} AS cid FROM {m.Table} " +
                     $"WHERE {m[nameof(SegmentMembership.SegmentId)]} = {segmentId}";
        return EnrolAsync(workflow, source, "blast:" + runKey, null, cancellationToken);
    }

    /// <summary>
    /// Enrols a blast's audience read from its segment's rule at the firing (ADR 0014) in one statement: SQL Server's
    /// path, whose identity columns take no given ids without <c>IDENTITY_INSERT</c> (no shares there).
    /// <paramref name="audienceSql"/> selects the contacts' ids as <see cref="Segments.SegmentAudience.SelectSql"/> gives it.
    /// </summary>
    public Task<int> EnrolAudienceAsync(ExecutableWorkflow workflow, string audienceSql, string runKey, CancellationToken cancellationToken)
    {
        var source = $"SELECT a.Id AS cid FROM ({audienceSql}) AS a";
        return EnrolAsync(workflow, source, "blast:" + runKey, null, cancellationToken);
    }

    /// <summary>
    /// A blast's enrolment on SQLite and PostgreSQL (ADR 0010): <paramref name="members"/> (the audience as of the firing,
    /// in id order) are written as <see cref="PendingEnrolment"/> shares of <paramref name="shareSize"/> contacts, which
    /// sweeps then run and insert as journeys in the state they reach (a journey written once, not inserted and then
    /// updated). The entry policy and "one active journey per workflow" are checked when a share runs. Returns the number
    /// of members queued.
    /// </summary>
    public async Task<int> QueueMembersAsync(ExecutableWorkflow workflow, IReadOnlyList<long> members, string runKey, int shareSize, CancellationToken cancellationToken)
    {
        if (workflow.FirstActivity is not { } first)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entry = workflow.Definition.Settings.Entry;
        DateTime? periodStart = entry.Policy == EntryPolicy.OncePerPeriod ? now.AddDays(-(entry.PeriodDays ?? 0)) : null;
        var shares = members.Chunk(Math.Max(1, shareSize))
            .Select(ids => new PendingEnrolment(
                workflow.VersionId, workflow.DefinitionId, first, "blast:" + runKey, entry.Policy, periodStart, ids, now))
            .ToList();
        await BatchedInsert.InsertAsync(db, shares, cancellationToken);
        return members.Count;
    }

    /// <summary>
    /// Of a share's contacts, those the enrolment may still take: not already enrolled by the same source, not in an
    /// active journey of the workflow, and let in by the entry policy — the conditions of the one-statement enrolment.
    /// </summary>
    internal static Task<List<long>> EligibleAsync(AutomationDb db, PendingEnrolment share, CancellationToken cancellationToken)
    {
        var ids = db.Provider == DatabaseProvider.Postgres
            ? "SELECT value::bigint AS cid FROM json_array_elements_text({0}::json)"
            : "SELECT value AS cid FROM json_each({0})";
        var sql = $"SELECT s.cid AS \"Value\" FROM ({ids}) s WHERE {Free(db, share.Policy, "{1}", "{2}", "{3}")} ORDER BY 1";
        object[] parameters = [share.ContactIds, share.DefinitionId, share.SourceKey, share.PeriodStart ?? share.CreatedAt];
        return db.Database.SqlQueryRaw<long>(sql, parameters).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The condition "contact <c>s.cid</c> may enter": none of its journeys of the workflow is active, came from the same
    /// enrolment source, or keeps it out by the entry policy. One probe per contact of the (ContactId, DefinitionId)
    /// index, written as a scalar subquery with a row limit so the planner cannot turn it into a join: as NOT EXISTS
    /// anti-joins, PostgreSQL planned them from the journeys' statistics, and while a blast grows the table from
    /// nothing those say "empty" — it then rescanned every journey of the blast once per contact of a share (a 1M blast
    /// stalled, a share's check took 38 s at 100k journeys). The probe's cost does not depend on statistics.
    /// </summary>
    private static string Free(AutomationDb db, EntryPolicy policy, string definitionId, string sourceKey, string periodStart)
    {
        var j = new SqlNames<Journey>(db);
        string C(string property) => "x." + j[property];
        var keepsOut = policy switch
        {
            EntryPolicy.Once => " OR 1 = 1",
            EntryPolicy.OncePerPeriod => $" OR {C(nameof(Journey.EnteredAt))} > {periodStart}",
            _ => string.Empty,
        };
        var where = $"{C(nameof(Journey.ContactId))} = s.cid AND {C(nameof(Journey.DefinitionId))} = {definitionId} " +
                    $"AND ({C(nameof(Journey.ActiveKey))} IS NOT NULL OR {C(nameof(Journey.SourceKey))} = {sourceKey}{keepsOut})";
        return db.Provider == DatabaseProvider.SqlServer
            ? $"(SELECT TOP (1) 1 FROM {j.Table} x WHERE {where}) IS NULL"
            : $"(SELECT 1 FROM {j.Table} x WHERE {where} LIMIT 1) IS NULL";
    }

    /// <summary>Enrols contacts whose stay in the segment began in (since, through].</summary>
    public Task<int> EnrolSegmentEntrantsAsync(ExecutableWorkflow workflow, long segmentId, DateTime since, DateTime through, CancellationToken cancellationToken)
    {
        var m = new SqlNames<SegmentMembership>(db);
        var entered = m[nameof(SegmentMembership.EnteredAt)];
        var source = $"SELECT {m[nameof(SegmentMembership.ContactId)]} AS cid FROM {m.Table} " +
                     $"WHERE {m[nameof(SegmentMembership.SegmentId)]} = {segmentId} " +
                     $"AND {entered} > {{5}} AND {entered} <= {{6}}";
        return EnrolAsync(workflow, source, $"segment:{through.Ticks}", null, cancellationToken, since, through);
    }

    /// <summary>Enrols one contact (an event trigger or an API call); false when the entry policy keeps it out.</summary>
    public async Task<bool> EnrolContactAsync(ExecutableWorkflow workflow, long contactId, string sourceKey, string? triggerEventJson, CancellationToken cancellationToken)
    {
        var source = $"SELECT {contactId} AS cid";
        if (db.Provider == DatabaseProvider.SqlServer)
        {
            source = $"SELECT CAST({contactId} AS bigint) AS cid";
        }

        return await EnrolAsync(workflow, source, sourceKey, triggerEventJson, cancellationToken) == 1;
    }

    private async Task<int> EnrolAsync(
        ExecutableWorkflow workflow, string source, string sourceKey, string? triggerEventJson, CancellationToken cancellationToken, params object[] extra)
    {
        if (workflow.FirstActivity is not { } first)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var j = new SqlNames<Journey>(db);
        string C(string property) => j[property];
        var entry = workflow.Definition.Settings.Entry;
        var insert =
            $"INSERT INTO {j.Table} ({C(nameof(Journey.WorkflowVersionId))}, {C(nameof(Journey.DefinitionId))}, {C(nameof(Journey.ContactId))}, " +
            $"{C(nameof(Journey.Status))}, {C(nameof(Journey.ActivityId))}, {C(nameof(Journey.DueAt))}, {C(nameof(Journey.Step))}, {C(nameof(Journey.Variables))}, " +
            $"{C(nameof(Journey.TriggerEvent))}, {C(nameof(Journey.EnteredAt))}, {C(nameof(Journey.UpdatedAt))}, {C(nameof(Journey.ActiveKey))}, {C(nameof(Journey.SourceKey))}) " +
            $"SELECT {workflow.VersionId}, {{1}}, s.cid, 'Running', {{2}}, {{0}}, 0, '{{{{}}}}', {{4}}, {{0}}, {{0}}, {{1}}, {{3}} FROM ({source}) s ";
        // PostgreSQL: the unique index of active journeys skips a row a concurrent enrolment inserted since this statement's snapshot.
        var sql = insert + "WHERE " + Free(db, entry.Policy, "{1}", "{3}", "{7}");
        if (db.Provider == DatabaseProvider.Postgres)
        {
            sql += " ON CONFLICT DO NOTHING";
        }

        var since = extra.Length > 0 ? extra[0] : now;
        var through = extra.Length > 1 ? extra[1] : now;
        var periodStart = now.AddDays(-(entry.PeriodDays ?? 0));
        object?[] parameters = [now, workflow.DefinitionId, first, sourceKey, triggerEventJson, since, through, periodStart];
        return await db.Database.ExecuteSqlRawAsync(sql, parameters!, cancellationToken);
    }
}
