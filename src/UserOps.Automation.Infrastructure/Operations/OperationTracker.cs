using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>
/// Starts <see cref="Operation"/> rows; the returned <see cref="TrackedOperation"/> reports progress and the outcome.
/// While any of its operations runs, the tracker writes their heartbeat on a timer, so another host can tell a
/// long quiet stage from a dead process (<see cref="OperationReaper"/>).
/// </summary>
public sealed class OperationTracker : IDisposable
{
    private readonly IDbContextFactory<AutomationDb> _dbFactory;
    private readonly TimeProvider _time;
    private readonly OperationsOptions _options;
    private readonly ConcurrentDictionary<long, byte> _live = new();
    private readonly Lock _timerLock = new();
    private ITimer? _timer;
    private Task _lastBeat = Task.CompletedTask;
    private int _beating;

    public OperationTracker(IDbContextFactory<AutomationDb> dbFactory, TimeProvider time, IOptions<OperationsOptions>? options = null)
    {
        _dbFactory = dbFactory;
        _time = time;
        _options = options?.Value ?? new OperationsOptions();
    }

    /// <summary>This process, as operation rows name their owner.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// The least time between two progress writes of one operation. A write is one small UPDATE by primary key;
    /// at one a second it costs nothing next to the work it reports on.
    /// </summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Finished operations older than this are deleted when a new one starts (the scheduled refresh adds one per tick).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The operations this process is running now (their heartbeat is written).</summary>
    public IReadOnlyCollection<long> Live => _live.Keys.ToList();

    /// <summary>The last heartbeat write started by the timer (tests await it after moving the clock).</summary>
    public Task LastBeat => Volatile.Read(ref _lastBeat);

    public async Task<TrackedOperation> StartAsync(
        string kind, string? subject, string unit, string? startedBy, long? total, string? message, CancellationToken cancellationToken) =>
        (await StartOnceAsync(kind, subject, unit, startedBy, total, message, key: null, cancellationToken)).Started!;

    /// <summary>
    /// Starts an operation named by <paramref name="key"/> unless one with that key exists (started by an earlier or a
    /// concurrent request, on any host): then nothing starts and the existing row is returned instead.
    /// </summary>
    public async Task<(TrackedOperation? Started, Operation? Existing)> StartOnceAsync(
        string kind, string? subject, string unit, string? startedBy, long? total, string? message, string? key, CancellationToken cancellationToken)
    {
        key = Trim(key, 300);
        if (key is not null && await FindAsync(key, cancellationToken) is { } existing)
        {
            return (null, existing);
        }

        var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var operation = new Operation(kind, Trim(subject, 300), unit, Trim(startedBy, 200), _time.GetUtcNow().UtcDateTime, Owner, key);
            operation.Progress(0, total, message, operation.StartedAt);
            var cutoff = operation.StartedAt - Retention;
            await db.Operations.Where(o => o.FinishedAt != null && o.FinishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
            db.Operations.Add(operation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (key is not null)
            {
                // Another request with the same key inserted first (the unique index on Key decided).
                if (await FindAsync(key, cancellationToken) is not { } raced)
                {
                    throw;
                }

                await db.DisposeAsync();
                return (null, raced);
            }

            _live.TryAdd(operation.Id, 0);
            EnsureHeartbeat();
            return (new TrackedOperation(db, operation, _time, ReportInterval, id => _live.TryRemove(id, out _)), null);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the heartbeat of every operation this process is running; the timer calls it every <see cref="OperationsOptions.HeartbeatSeconds"/>.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var ids = _live.Keys.ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Operations.Where(o => ids.Contains(o.Id) && o.Status == OperationStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.HeartbeatAt, now), cancellationToken);
    }

    public void Dispose()
    {
        lock (_timerLock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void EnsureHeartbeat()
    {
        lock (_timerLock)
        {
            var period = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
            _timer ??= _time.CreateTimer(_ => Tick(), null, period, period);
        }
    }

    private void Tick()
    {
        // One beat at a time: a beat waiting for SQLite's write lock is not joined by the next one.
        if (_live.IsEmpty || Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        Volatile.Write(ref _lastBeat, Task.Run(async () =>
        {
            try
            {
                await BeatAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or ObjectDisposedException)
            {
                // A missed beat is retried at the next tick; the reaper waits several beats before it gives up on a host.
            }
            finally
            {
                Volatile.Write(ref _beating, 0);
            }
        }));
    }

    private async Task<Operation?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Operations.AsNoTracking().SingleOrDefaultAsync(o => o.Key == key, cancellationToken);
    }

    private static string? Trim(string? text, int length) => text is { } t && t.Length > length ? t[..length] : text;
}
