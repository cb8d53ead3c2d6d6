using System.Collections.Concurrent;

namespace UserOps.Automation.Host.Operations;

/// <summary>
/// Runs the work of operations answered with 202 (a large import, a refresh asked for asynchronously) after the
/// request has ended. Each piece of work records its own outcome on its operation row; stopping the host cancels
/// the work, which then records itself as failed rather than running forever.
/// </summary>
internal sealed class BackgroundOperations(ILogger<BackgroundOperations> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private int _disposed;

    public void Run(long operationId, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(_stopping.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The work wrote the failure on its operation; the log keeps the stack.
                logger.LogWarning(e, "Operation {Operation} failed", operationId);
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Completes when no work is running (tests wait on it instead of polling).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Keys);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host disposed before it was stopped (a test factory tearing down) has nothing left to cancel.
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await WhenIdleAsync().WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }
    }
}
