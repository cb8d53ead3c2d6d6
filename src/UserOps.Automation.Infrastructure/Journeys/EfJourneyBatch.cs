using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// A claimed batch: one context and the transaction that locked the journeys. Nothing is change-tracked: the commit
/// writes the journeys' moves set-based (each checked against the step it was claimed at), then the effects as
/// multi-row inserts, and commits; releasing (or dying) rolls back, which frees the journeys.
/// </summary>
internal sealed class EfJourneyBatch : IJourneyBatch
{
    private readonly AutomationDb _db;
    private readonly IDbContextTransaction _transaction;
    private readonly List<Journey> _journeys;
    private readonly Dictionary<long, int> _claimedSteps;

    /// <summary>The blast share whose new journeys these are (inserted, not updated, at commit), or null for due journeys.</summary>
    private readonly long? _share;
    private Dictionary<long, Contact> _contacts = [];
    private bool _done;

    public EfJourneyBatch(AutomationDb db, IDbContextTransaction transaction, List<Journey> journeys, long? share = null)
    {
        _db = db;
        _share = share;
        _transaction = transaction;
        _journeys = journeys;
        _claimedSteps = journeys.ToDictionary(j => j.Id, j => j.Step);
    }

    public IReadOnlyList<Journey> Journeys => _journeys;

    public async Task LoadContactsAsync(IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken)
    {
        // One array/JSON parameter rather than EF 10's default of one parameter per id (thousands per batch).
        var ids = contactIds.ToList();
        _contacts = await _db.Contacts.AsNoTracking().Include(c => c.PushTokens).Include(c => c.Interests).AsSplitQuery()
            .Where(c => EF.Parameter(ids).Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    public Contact? ContactOf(Journey journey) => _contacts.GetValueOrDefault(journey.ContactId);

    public async Task CommitAsync(JourneyEffects effects, CancellationToken cancellationToken)
    {
        try
        {
            // The moves first, so a journey moved meanwhile (it cannot be, while the claim's locks hold; the step check is
            // the guarantee if it ever is) is caught before any effect is written.
            if (_share is { } share)
            {
                // New journeys, inserted once in the state their run reached; the share goes in the same transaction, so
                // a crash before the commit leaves the share to be run again and nothing of it written.
                await BatchedInsert.InsertAsync(_db, _journeys, withKeys: true, cancellationToken);
                await DeleteShareAsync(_db, share, cancellationToken);
            }
            else
            {
                var written = await JourneyMoves.WriteAsync(_db, _journeys, _claimedSteps, cancellationToken);
                if (written != _journeys.Count)
                {
                    throw new JourneyConflictException($"{_journeys.Count - written} of {_journeys.Count} journeys of the batch were moved by another host or an event.");
                }
            }

            await BatchedInsert.InsertAsync(_db, InJourneyOrder(effects.Steps), cancellationToken);
            await BatchedInsert.InsertAsync(_db, effects.Messages, cancellationToken);
            await BatchedInsert.InsertAsync(_db, effects.Coupons, cancellationToken);
            await BatchedInsert.InsertAsync(_db, effects.Webhooks, cancellationToken);
            await SaveChangedContactsAsync(effects.ChangedContacts, cancellationToken);
            await _transaction.CommitAsync(cancellationToken);
            _done = true;
        }
        catch (DbUpdateException e)
        {
            throw new JourneyConflictException("A step of the batch was already written by another host.", e);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // A unique idempotency key already written: another host ran this step.
            throw new JourneyConflictException("A step of the batch was already written by another host.", e);
        }
    }

    /// <summary>
    /// The steps grouped by journey, each journey's in the order they were taken. A batch records its steps round by round
    /// (every journey's first activity, then every journey's second, …), so written in that order each round would go back
    /// into the middle of the steps' (JourneyId, Id) key; in journey order the ids the database generates follow the key
    /// and every step is appended at its right-most page (ADR 0024).
    /// </summary>
    private static List<JourneyStep> InJourneyOrder(List<JourneyStep> steps)
    {
        // OrderBy is stable: a journey's steps keep their order, hence their ids' order (its history).
        return steps.Count < 2 ? steps : steps.OrderBy(s => s.JourneyId).ToList();
    }

    internal static async Task DeleteShareAsync(AutomationDb db, long share, CancellationToken cancellationToken)
    {
        var p = new SqlNames<PendingEnrolment>(db);
        var sql = $"DELETE FROM {p.Table} WHERE {p[nameof(PendingEnrolment.Id)]} = {{0}}";
        await db.Database.ExecuteSqlRawAsync(sql, [share], cancellationToken);
    }

    /// <summary>Only what an Update contact step changes, and only for the contacts it changed.</summary>
    private async Task SaveChangedContactsAsync(List<Contact> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var contact in changed.Distinct())
        {
            var entry = _db.Contacts.Attach(contact);
            entry.Property(c => c.Attributes).IsModified = true;
            entry.Property(c => c.Tags).IsModified = true;
            entry.Property(c => c.UpdatedAt).IsModified = true;
        }

        await _db.SaveChangesAsync(cancellationToken);
    }

    private static bool IsUniqueViolation(DbException e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        Microsoft.Data.SqlClient.SqlException q => q.Number is 2601 or 2627,
        _ => false,
    };

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        _done = true;
        await _transaction.RollbackAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _db.DisposeAsync();
    }
}
