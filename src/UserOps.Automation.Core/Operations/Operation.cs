using System.Text.Json.Nodes;

namespace UserOps.Automation.Core.Operations;

/// <summary>
/// One long operation (a CSV import, a segment refresh, a blast firing) as a row, so any host and the console can
/// follow it: status, progress (<see cref="Processed"/> of <see cref="Total"/> <see cref="Unit"/>, total when known),
/// the number of errors with the first few, who started it and when. Written by the work itself at a few points.
/// </summary>
public sealed class Operation
{
    /// <summary>How many errors are kept with their detail; the rest are only counted.</summary>
    public const int MaxKeptErrors = 100;

    private readonly List<OperationError> _firstErrors = [];

    private Operation()
    {
        Kind = string.Empty;
        Unit = string.Empty;
    }

    public Operation(string kind, string? subject, string unit, string? startedBy, DateTime now, string? owner = null, string? key = null)
    {
        Kind = kind;
        Subject = subject;
        Unit = unit;
        StartedBy = startedBy;
        Owner = owner;
        Key = key;
        Status = OperationStatus.Running;
        StartedAt = now;
        UpdatedAt = now;
        HeartbeatAt = now;
    }

    public long Id { get; private set; }

    /// <summary>One of <see cref="OperationKinds"/>.</summary>
    public string Kind { get; private set; }

    /// <summary>What it works on: a file name, a segment key, a workflow.</summary>
    public string? Subject { get; private set; }

    public OperationStatus Status { get; private set; }

    /// <summary>What <see cref="Processed"/> and <see cref="Total"/> count: <c>bytes</c>, <c>rows</c>, <c>segments</c>, <c>steps</c>.</summary>
    public string Unit { get; private set; }

    public long Processed { get; private set; }

    /// <summary>Null while the total is unknown (the console shows an indeterminate bar).</summary>
    public long? Total { get; private set; }

    /// <summary>Errors met so far (rejected rows…); only the first <see cref="MaxKeptErrors"/> are kept in <see cref="FirstErrors"/>.</summary>
    public long Errors { get; private set; }

    public IReadOnlyList<OperationError> FirstErrors => _firstErrors;

    /// <summary>The kind's own counts (an import's rows read, imported, duplicates, rejected; a refresh's entered and left).</summary>
    public JsonObject Counts { get; private set; } = [];

    /// <summary>A short human summary: the stage while running, the outcome or the failure once finished.</summary>
    public string? Message { get; private set; }

    /// <summary>The operator, API key or job that started it (<c>scheduler</c>, <c>cli</c>).</summary>
    public string? StartedBy { get; private set; }

    /// <summary>The process running it (machine, process id, start): its heartbeat keeps the operation alive.</summary>
    public string? Owner { get; private set; }

    /// <summary>
    /// When the owner last said it is still working on it. A running operation whose heartbeat stopped is failed by any
    /// host (its owner died); <see cref="UpdatedAt"/> alone cannot tell, since a long stage reports nothing for minutes.
    /// </summary>
    public DateTime HeartbeatAt { get; private set; }

    /// <summary>Names a request that must start one operation at most (a blast launch's idempotency key); unique when set.</summary>
    public string? Key { get; private set; }

    public DateTime StartedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    public bool IsFinished => Status != OperationStatus.Running;

    public void Progress(long processed, long? total, string? message, DateTime now)
    {
        Processed = processed;
        Total = total ?? Total;
        Message = message ?? Message;
        UpdatedAt = now;
        HeartbeatAt = now;
    }

    /// <summary>The errors so far: their number and the first of them (at most <see cref="MaxKeptErrors"/> kept).</summary>
    public void SetErrors(long count, IEnumerable<OperationError> firstErrors)
    {
        ArgumentNullException.ThrowIfNull(firstErrors);
        Errors = count;
        _firstErrors.Clear();
        _firstErrors.AddRange(firstErrors.Take(MaxKeptErrors));
    }

    public void SetCounts(JsonObject counts) => Counts = counts;

    /// <summary>Finished without an exception: succeeded, or completed with errors when any were counted.</summary>
    public void Complete(string? message, DateTime now) =>
        Finish(Errors > 0 ? OperationStatus.CompletedWithErrors : OperationStatus.Succeeded, message, now);

    public void Fail(string message, DateTime now) => Finish(OperationStatus.Failed, message, now);

    private void Finish(OperationStatus status, string? message, DateTime now)
    {
        Status = status;
        Message = message is { Length: > 1000 } ? message[..1000] : message;
        if (Total is null && status != OperationStatus.Failed)
        {
            Total = Processed;
        }

        UpdatedAt = now;
        HeartbeatAt = now;
        FinishedAt = now;
    }
}
