using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Core.Segments;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Segments;

/// <summary>
/// Recomputes a segment's membership for all contacts in the database, set-based: one UPDATE closes
/// the stays of contacts that no longer match, one INSERT … SELECT opens stays for contacts that
/// newly match. The rule runs as SQL; no contact row travels to the host.
/// </summary>
public sealed class SegmentRefresher(IDbContextFactory<AutomationDb> dbFactory, RuleCatalog rules, TimeProvider time, ILogger<SegmentRefresher> logger)
{
    public async Task<SegmentRefreshResult> RefreshAsync(string segmentKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Segments.SingleOrDefaultAsync(s => s.Key == segmentKey, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no segment '{segmentKey}'.");
        return await RefreshAsync(db, segment, cancellationToken);
    }

    public Task<IReadOnlyList<SegmentRefreshResult>> RefreshAllAsync(CancellationToken cancellationToken) =>
        RefreshAllAsync(null, cancellationToken);

    /// <param name="progress">Called after each segment's refresh is committed with the results so far and the number of segments.</param>
    public async Task<IReadOnlyList<SegmentRefreshResult>> RefreshAllAsync(
        Func<IReadOnlyList<SegmentRefreshResult>, int, CancellationToken, ValueTask>? progress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segments = await db.Segments.OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var results = new List<SegmentRefreshResult>();
        foreach (var segment in segments)
        {
            results.Add(await RefreshAsync(db, segment, cancellationToken));
            if (progress is not null)
            {
                await progress(results, segments.Count, cancellationToken);
            }
        }

        return results;
    }

    private async Task<SegmentRefreshResult> RefreshAsync(AutomationDb db, Segment segment, CancellationToken cancellationToken)
    {
        var rule = rules.Get(segment.Rule);
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // Both statements below are whole-segment anti joins. Planned on statistics taken before the facts refresh
            // rescored every contact (or before this segment filled), the rule's contacts are estimated at 1 row and the
            // leavers' anti join becomes a nested loop over a materialised scan of them: stays × matching contacts
            // compared, 10 s for a segment of 13,702 stays in the ingest bench, over a minute at 1M contacts, while the
            // event applier competes for the cores. Without nested loops the plan is a hash or merge anti join, linear
            // whatever the statistics say. (A per-stay probe is not: at stale statistics the entrants' probe chose the
            // segment's (SegmentId, EnteredAt) index over the stays' key and read the whole segment per contact;
            // docs/performance.md, session 6.)
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off", cancellationToken);
        }

        var segmentId = segment.Id;

        // Refreshes of one segment take turns, also across hosts: this no-op UPDATE holds the segment row's
        // lock (SQLite: the write lock) until commit. Without it two refreshers both see a contact as new and
        // the second INSERT fails on the open stays' key; after waiting, each statement below sees the
        // stays the other committed.
        await db.Segments.Where(s => s.Id == segmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, x => x.MemberCount), cancellationToken);
        var ruleSql = SegmentAudience.SelectSql(db, SegmentAudience.Ids(db, rule, now));
        var left = await CloseLeaversAsync(db, segmentId, ruleSql, now, cancellationToken);
        var entered = await InsertEnteredAsync(db, segmentId, ruleSql, now, cancellationToken);
        var members = await db.SegmentMemberships.CountAsync(m => m.SegmentId == segmentId, cancellationToken);

        segment.Refreshed(now, members);
        var elapsed = Stopwatch.GetElapsedTime(started);
        db.SegmentRefreshes.Add(new SegmentRefresh(segmentId, now, entered, left, members, elapsed));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Segment {Segment} refreshed: {Entered} entered, {Left} left, {Members} members in {Elapsed} ms",
            segment.Key, entered, left, members, (long)elapsed.TotalMilliseconds);
        return new SegmentRefreshResult(segment.Key, now, entered, left, members, elapsed);
    }

    /// <summary>Moves the open stays of contacts that no longer match into the history (ADR 0015); returns how many.</summary>
    private static async Task<int> CloseLeaversAsync(AutomationDb db, long segmentId, string ruleSql, DateTime now, CancellationToken cancellationToken)
    {
        var n = new SqlNames<SegmentMembership>(db);
        var id = db.GetService<ISqlGenerationHelper>().DelimitIdentifier("Id");
        var where = $"m.{n[nameof(SegmentMembership.SegmentId)]} = {{0}} AND NOT EXISTS (SELECT 1 FROM ({ruleSql}) AS q WHERE q.{id} = m.{n[nameof(SegmentMembership.ContactId)]})";
        var statements = SegmentStays.MoveStatements(db, where, "{1}");
        var left = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            // SQLite copies then deletes; the refresh holds the write lock since its first UPDATE, so both see the same rows.
            var affected = await db.Database.ExecuteSqlRawAsync(statements[i], [segmentId, now], cancellationToken);
            left = i == 0 ? affected : left;
        }

        return left;
    }

    /// <summary>INSERT … SELECT from the translated rule of the contacts that match and have no open stay.</summary>
    private static async Task<int> InsertEnteredAsync(AutomationDb db, long segmentId, string ruleSql, DateTime now, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var membership = db.Model.FindEntityType(typeof(SegmentMembership))!;
        string Column(string property) => sql.DelimitIdentifier(membership.FindProperty(property)!.GetColumnName());
        var table = sql.DelimitIdentifier(membership.GetTableName()!);
        var segmentColumn = Column(nameof(SegmentMembership.SegmentId));
        var contactColumn = Column(nameof(SegmentMembership.ContactId));
        var enteredColumn = Column(nameof(SegmentMembership.EnteredAt));
        var idColumn = sql.DelimitIdentifier("Id");

        // Ingestion opens stays of single contacts while this runs (on PostgreSQL even during this statement): a stay it
        // opened first is skipped here rather than failing the whole refresh on the open stays' key.
        var (verb, hint, tail) = SegmentStays.ConflictTolerance(db.Provider);

        // Stays are written in contact id order, so the stay indexes grow at their ends instead of on random pages.
        // SQLite walks the rule's index on an instant and produced ids in random order: once the stay indexes outgrew
        // its small page cache, every row landed on an uncached page and dirty pages spilled again and again (1M
        // contacts, same plan as the hand-written SQL, in a reduced copy of the schema: 187 s unordered, 27 s sorted). "+ 0" keeps
        // SQLite on the narrow covering index and sorts only the new ids; a bare ORDER BY "Id" makes it scan the whole
        // table by rowid, which costs more when few contacts enter. PostgreSQL's B-tree has a fast path for rising keys.
        var order = db.Provider switch
        {
            DatabaseProvider.Sqlite => $" ORDER BY q.{idColumn} + 0",
            DatabaseProvider.Postgres => $" ORDER BY q.{idColumn}",
            _ => string.Empty,
        };
        var insert =
            $"{verb} INTO {table} ({segmentColumn}, {contactColumn}, {enteredColumn}) " +
            $"SELECT {{0}}, q.{idColumn}, {{1}} FROM ({ruleSql}) AS q " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {table} AS m{hint} WHERE m.{segmentColumn} = {{0}} AND m.{contactColumn} = q.{idColumn}){order}{tail}";
        return await db.Database.ExecuteSqlRawAsync(insert, [segmentId, now], cancellationToken);
    }
}

/// <summary>What one refresh changed.</summary>
public sealed record SegmentRefreshResult(string Segment, DateTime At, int Entered, int Left, int Members, TimeSpan Elapsed);
