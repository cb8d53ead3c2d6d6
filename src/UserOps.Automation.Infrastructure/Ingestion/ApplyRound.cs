using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Events;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Persistence;
using UserOps.Automation.Infrastructure.Segments;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>What one applier round did: how many queue rows it took, the last queue id, and whether it hit its cap.</summary>
public readonly record struct AppliedRound(int Taken, long LastId, bool Full)
{
    public static AppliedRound Empty => new(0, 0, false);
}

/// <summary>
/// One round of the <see cref="EventApplier"/>, in one transaction under <see cref="ApplierLock"/>: takes up to a cap of
/// queue rows in id order, folds their events into their contacts in memory (many events of one contact cost one row
/// update), writes facts relative and set-based (<see cref="ContactFactsWriter"/>), moves the touched contacts across
/// segments, lets the observers (journeys) react, and deletes the queue rows it took — all or nothing. Id lists go as
/// one array parameter (<c>EF.Parameter</c>): EF Core 10 would otherwise send one parameter per id, thousands per round
/// (past SQL Server's limit of 2,100).
/// </summary>
internal sealed class ApplyRound(AutomationDb db, FactsPolicy policy, IReadOnlyList<SegmentRule> segmentRules, DateTime now, int partition = 0, int partitions = 1)
{
    /// <summary>The events applied, in queue order, with the contacts as the round left them (observers see these).</summary>
    public List<ContactEvent> Events { get; } = [];

    public Dictionary<long, Contact> Contacts { get; } = [];

    /// <summary>Milliseconds per phase of the last run (logged at Debug by the applier: where a round's time goes).</summary>
    public List<(string Phase, double Ms)> Phases { get; } = [];

    private readonly System.Diagnostics.Stopwatch _clock = new();

    public async Task<AppliedRound> RunAsync(int cap, IEnumerable<IAppliedEventsObserver> observers, CancellationToken cancellationToken)
    {
        _clock.Restart();
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // A round's statements touch thousands of rows by index; where statistics are missing or stale (a table just
            // filled by a refresh) their estimates reach PostgreSQL's JIT threshold, and compiling took 0.1–0.2 s of a
            // statement that runs in a tenth of that.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);
        }

        await ApplierLock.AcquireRoundAsync(db, partition, partitions, cancellationToken);
        Mark("lock");
        var taken = await TakeAsync(cap, cancellationToken);
        Mark("take");
        if (taken.Count == 0)
        {
            return AppliedRound.Empty;
        }

        var eventIds = taken.Where(t => t.EventId is not null).Select(t => t.EventId!.Value).ToList();
        var contactIds = taken.Select(t => t.ContactId).Distinct().ToList();
        if (eventIds.Count > 0)
        {
            var events = await db.Events.AsNoTracking().Where(e => EF.Parameter(eventIds).Contains(e.Id)).ToListAsync(cancellationToken);
            events.Sort((a, b) => a.Id.CompareTo(b.Id));
            Events.AddRange(events);
        }

        Mark("load events");

        // One query, one round trip: a contact has few push tokens and interests, so the joined rows stay few.
        foreach (var contact in await db.Contacts.AsNoTracking().Include(c => c.PushTokens).Include(c => c.Interests).AsSingleQuery()
                     .Where(c => EF.Parameter(contactIds).Contains(c.Id)).ToListAsync(cancellationToken))
        {
            Contacts[contact.Id] = contact;
        }

        Mark("load contacts");

        // An erased contact's queue rows are simply dropped. Events carry no foreign key (ADR 0018): one accepted while
        // its contact was being erased is still stored, and is deleted here rather than kept about a contact that is gone.
        var orphans = Events.Where(e => !Contacts.ContainsKey(e.ContactId)).Select(e => e.Id).ToList();
        if (orphans.Count > 0)
        {
            Events.RemoveAll(e => !Contacts.ContainsKey(e.ContactId));
            await db.Events.Where(e => EF.Parameter(orphans).Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        // A queue row without an event is a contact upserted or first met: its stays are evaluated whatever its facts did.
        var evaluate = taken.Where(t => t.EventId is null).Select(t => t.ContactId).ToHashSet();
        var before = new Dictionary<long, FactsBefore>();
        var rulesBefore = new Dictionary<long, bool[]>();
        foreach (var contactEvent in Events)
        {
            var contact = Contacts[contactEvent.ContactId];
            if (!before.ContainsKey(contact.Id))
            {
                before[contact.Id] = FactsBefore.Of(contact);
                if (!evaluate.Contains(contact.Id))
                {
                    rulesBefore[contact.Id] = Memberships(contact);
                }
            }

            contact.Apply(contactEvent, policy, now);
        }

        // Only the segments whose rule results the events changed move (ADR 0022, ADR 0026): the others' stays are left to
        // the periodic refresh, which also corrects what time alone changed since (days since last active). So the round
        // knows what to open and close without reading the contact's open stays: opening an open stay and closing one that
        // is not open are no-ops.
        var enter = new List<SegmentStay>();
        var leave = new List<SegmentStay>();
        foreach (var (id, rules) in rulesBefore)
        {
            var after = Memberships(Contacts[id]);
            for (var i = 0; i < after.Length; i++)
            {
                if (after[i] != rules[i])
                {
                    (after[i] ? enter : leave).Add(new SegmentStay(segmentRules[i].SegmentId, id));
                }
            }
        }

        Mark("fold");
        await UpdateStaysAsync(evaluate, enter, leave, cancellationToken);
        await ContactFactsWriter.WriteAsync(db, [.. before.Values], cancellationToken);
        Mark("facts");
        foreach (var observer in observers)
        {
            await observer.OnAppliedAsync(db, Events, Contacts, cancellationToken);
        }

        Mark("observers");

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite's write lock is held since BEGIN: no row below the last one taken can have appeared meanwhile.
            var last = taken[^1].Id;
            await db.Set<PendingEvent>().Where(p => p.Id <= last).ExecuteDeleteAsync(cancellationToken);
        }

        return new AppliedRound(taken.Count, taken[^1].Id, taken.Count >= cap);
    }

    /// <summary>Which of the segment rules <paramref name="contact"/> meets as it stands, as of the round's instant.</summary>
    private bool[] Memberships(Contact contact)
    {
        var results = new bool[segmentRules.Count];
        if (results.Length > 0)
        {
            var facts = ContactFacts.From(contact, now);
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = segmentRules[i].Rule.Evaluate(facts);
            }
        }

        return results;
    }

    private void Mark(string phase)
    {
        Phases.Add((phase, _clock.Elapsed.TotalMilliseconds));
        _clock.Restart();
    }

    /// <summary>
    /// The oldest queue rows, up to <paramref name="cap"/>. PostgreSQL and SQL Server delete them in the same statement
    /// (only rows this transaction sees: one committed later with a lower id waits for the next round); SQLite deletes
    /// them at the end of the round.
    /// </summary>
    private async Task<List<PendingEvent>> TakeAsync(int cap, CancellationToken cancellationToken)
    {
        var n = new SqlNames<PendingEvent>(db);
        var (id, contact, eventId) = (n[nameof(PendingEvent.Id)], n[nameof(PendingEvent.ContactId)], n[nameof(PendingEvent.EventId)]);
        // A partition takes only its contacts' rows (ADR 0026): all of a contact's rows, in id order, go through one partition.
        var mine = partitions > 1 ? $" WHERE {ApplierLock.PartitionCondition(contact, partition, partitions)}" : "";
        var sql = db.Provider switch
        {
            DatabaseProvider.Postgres =>
                $"DELETE FROM {n.Table} WHERE {id} IN (SELECT {id} FROM {n.Table}{mine} ORDER BY {id} LIMIT @cap) RETURNING {id}, {contact}, {eventId}",
            DatabaseProvider.SqlServer =>
                $"WITH t AS (SELECT TOP (@cap) * FROM {n.Table} ORDER BY {id}) DELETE FROM t OUTPUT DELETED.{id}, DELETED.{contact}, DELETED.{eventId}",
            _ => $"SELECT {id}, {contact}, {eventId} FROM {n.Table} ORDER BY {id} LIMIT @cap",
        };
        await using var command = RawCommand.Create(db, sql);
        RawCommand.Add(command, "cap", cap);
        var rows = new List<PendingEvent>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(PendingEvent.Taken(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
            }
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>
    /// Moves contacts in and out of segments: <paramref name="enter"/> and <paramref name="leave"/> are the stays whose rule
    /// results the round's events changed; the contacts <paramref name="whole"/> (upserted or first met) are evaluated
    /// against their open stays, read here. The rules run in memory on the facts as the round left them; opening is
    /// conflict-tolerant, because a refresh running meanwhile may open the same stay (and is authoritative).
    /// </summary>
    private async Task UpdateStaysAsync(HashSet<long> whole, List<SegmentStay> enter, List<SegmentStay> leave, CancellationToken cancellationToken)
    {
        whole.IntersectWith(Contacts.Keys);
        Mark($"stays skipped {Contacts.Count - whole.Count - enter.Concat(leave).Select(s => s.ContactId).Distinct().Count()}");
        if (segmentRules.Count == 0)
        {
            return;
        }

        if (whole.Count > 0)
        {
            var open = await SegmentStays.OpenOfAsync(db, [.. whole], cancellationToken);
            Mark("stays read");
            foreach (var contact in whole.Order().Select(id => Contacts[id]))
            {
                var facts = ContactFacts.From(contact, now);
                foreach (var segment in segmentRules)
                {
                    var stay = new SegmentStay(segment.SegmentId, contact.Id);
                    var member = segment.Rule.Evaluate(facts);
                    if (member && !open.Contains(stay))
                    {
                        enter.Add(stay);
                    }
                    else if (!member && open.Contains(stay))
                    {
                        leave.Add(stay);
                    }
                }
            }

            Mark("stays evaluate");
        }

        // One order, (segment, contact), for every writer of stays: two that meet on the same stays take their locks alike.
        leave.Sort(BySegmentThenContact);
        enter.Sort(BySegmentThenContact);
        await SegmentStays.CloseAsync(db, leave, now, cancellationToken);
        Mark($"stays close {leave.Count}");
        await SegmentStays.OpenAsync(db, enter, now, cancellationToken);
        Mark($"stays open {enter.Count}");
    }

    private static int BySegmentThenContact(SegmentStay a, SegmentStay b) =>
        a.SegmentId != b.SegmentId ? a.SegmentId.CompareTo(b.SegmentId) : a.ContactId.CompareTo(b.ContactId);
}
