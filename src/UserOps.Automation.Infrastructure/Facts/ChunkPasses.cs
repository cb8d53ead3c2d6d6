using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Ingestion;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// Walks the contacts in id order, <paramref name="chunkSize"/> at a time, running <see cref="FactsChunkStatement"/> on
/// each chunk in a transaction of its own that holds <see cref="ApplierLock"/> for that statement alone (ADR 0027):
/// an applier round waits for one chunk at most, and a chunk's recount and a round's relative updates never interleave
/// (events still queued are left out of the recount; the round adds them relative to what the chunk wrote, ADR 0009).
/// </summary>
internal sealed class ChunkPasses(AutomationDb db, int chunkSize, Func<FactsChunk, CancellationToken, Task>? afterChunk)
{
    public int Chunks { get; private set; }

    public int Rewritten { get; private set; }

    /// <summary>The longest a chunk held the applier's lock (lock granted to commit).</summary>
    public TimeSpan Longest { get; private set; }

    public async Task RunAsync(FactsPolicy policy, DateTime now, bool recount, CancellationToken cancellationToken)
    {
        var lo = long.MinValue;
        while (true)
        {
            // The chunk's upper key, read outside the lock (a walk of the primary key). The last chunk is open-ended, so
            // contacts created meanwhile with higher ids are covered too.
            var hi = await db.Contacts.Where(c => c.Id > lo).OrderBy(c => c.Id).Select(c => (long?)c.Id)
                .Skip(chunkSize - 1).FirstOrDefaultAsync(cancellationToken) ?? long.MaxValue;
            var (rewritten, held) = await RunChunkAsync(policy, now, recount, lo, hi, cancellationToken);
            Chunks++;
            Rewritten += rewritten;
            Longest = held > Longest ? held : Longest;
            if (afterChunk is not null)
            {
                await afterChunk(new FactsChunk(Chunks, recount, lo, hi, rewritten, held), cancellationToken);
            }

            if (hi == long.MaxValue)
            {
                return;
            }

            lo = hi;
        }
    }

    private async Task<(int Rewritten, TimeSpan Held)> RunChunkAsync(FactsPolicy policy, DateTime now, bool recount, long lo, long hi, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // A chunk's statement reads thousands of rows by index: estimates past PostgreSQL's JIT threshold would spend
            // 0.1–0.2 s compiling a statement that runs in a fraction of that, with the applier waiting.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", cancellationToken);
        }

        await ApplierLock.AcquireAsync(db, cancellationToken);
        var held = Stopwatch.GetTimestamp();
        // Under the lock: no round runs, so every event not queued is one the counters already hold.
        var pending = recount && await db.Set<PendingEvent>().AnyAsync(cancellationToken);
        var (sql, bind) = FactsChunkStatement.Build(db, policy, now, recount, pending);
        int rewritten;
        await using (var command = RawCommand.Create(db, sql))
        {
            bind(command);
            RawCommand.Add(command, "lo", lo);
            RawCommand.Add(command, "hi", hi);
            rewritten = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (rewritten, Stopwatch.GetElapsedTime(held));
    }
}

/// <summary>One committed chunk of a facts refresh: contacts with ids in (<see cref="After"/>, <see cref="Through"/>].</summary>
internal readonly record struct FactsChunk(int Number, bool Recount, long After, long Through, int Rewritten, TimeSpan Held);
