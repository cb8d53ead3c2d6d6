using System.Text.Json.Nodes;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>
/// A running operation's handle: the work calls <see cref="ReportAsync"/> as often as it likes (after each batch),
/// and a write happens at most once per report interval (by the injected clock); the outcome is always written.
/// Not thread-safe: one flow of work reports on it. Holds its own context, so its writes never join the work's
/// transactions; callers report between transactions (on SQLite a write inside one would wait for itself).
/// </summary>
public sealed class TrackedOperation : IAsyncDisposable
{
    private readonly AutomationDb _db;
    private readonly Operation _operation;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Action<long> _ended;
    private long _lastWrite;

    internal TrackedOperation(AutomationDb db, Operation operation, TimeProvider time, TimeSpan interval, Action<long> ended)
    {
        _db = db;
        _operation = operation;
        _time = time;
        _interval = interval;
        _ended = ended;
        _lastWrite = time.GetTimestamp();
    }

    public long Id => _operation.Id;

    /// <summary>The row as this handle last changed it; read it only from the flow that reports.</summary>
    public Operation Operation => _operation;

    public OperationStatus Status => _operation.Status;

    /// <summary>How many progress writes were made (the start and the outcome not counted); tests check the throttle with it.</summary>
    public int ProgressWrites { get; private set; }

    /// <summary>
    /// Records progress in memory and writes it if the last write is older than the interval, or at once when
    /// <paramref name="stage"/> is set (a new stage of a few-step operation: its message must not wait for the next report).
    /// </summary>
    public async ValueTask ReportAsync(
        long processed, long? total = null, string? message = null, JsonObject? counts = null,
        long? errors = null, IEnumerable<OperationError>? firstErrors = null, bool stage = false, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        Apply(processed, total, message, counts, errors, firstErrors, now);
        if (!stage && _time.GetElapsedTime(_lastWrite) < _interval)
        {
            return;
        }

        await _db.SaveChangesAsync(cancellationToken);
        _lastWrite = _time.GetTimestamp();
        ProgressWrites++;
    }

    /// <summary>Finished: the last counts and the outcome are written whatever the interval.</summary>
    public async Task CompleteAsync(
        string? message, JsonObject? counts = null, long? errors = null, IEnumerable<OperationError>? firstErrors = null,
        long? processed = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        Apply(processed ?? _operation.Processed, null, null, counts, errors, firstErrors, now);
        _operation.Complete(message, now);
        await _db.SaveChangesAsync(cancellationToken);
        _ended(_operation.Id);
    }

    /// <summary>
    /// Stopped by <paramref name="error"/>. Written without the work's token: a cancelled import is still recorded as
    /// failed rather than left running.
    /// </summary>
    public async Task FailAsync(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error is OperationCanceledException ? "Cancelled before it finished (the request was aborted or the host stopped)." : error.Message;
        _operation.Fail(message, _time.GetUtcNow().UtcDateTime);
        await _db.SaveChangesAsync(CancellationToken.None);
        _ended(_operation.Id);
    }

    /// <summary>Closes the handle; an operation left unfinished stops beating, so the reaper fails it in time.</summary>
    public ValueTask DisposeAsync()
    {
        _ended(_operation.Id);
        return _db.DisposeAsync();
    }

    private void Apply(long processed, long? total, string? message, JsonObject? counts, long? errors, IEnumerable<OperationError>? firstErrors, DateTime now)
    {
        _operation.Progress(processed, total, message, now);
        if (counts is not null)
        {
            _operation.SetCounts(counts);
        }

        if (errors is { } count)
        {
            _operation.SetErrors(count, firstErrors ?? _operation.FirstErrors.ToList());
        }
    }
}
