using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.IntegrationTests.Dispatch.Fakes;

/// <summary>
/// An <see cref="ISmsSender"/> whose sends stay in flight until <see cref="OpenAt"/> of them are in flight at
/// once (or the gate is opened by hand); it records the most it ever saw together.
/// </summary>
internal sealed class GatedSmsSender(int openAt) : ISmsSender
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _max;
    private int _calls;

    public int OpenAt => openAt;
    public int MaxInFlight => Volatile.Read(ref _max);
    public int Calls => Volatile.Read(ref _calls);

    public void Open() => _gate.TrySetResult();

    public async Task<SendResult> SendAsync(RenderedSms message, string recipient, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        if (now >= openAt)
        {
            _gate.TrySetResult();
        }

        // Bounded so that a broken limit fails the test instead of hanging it.
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        Interlocked.Decrement(ref _inFlight);
        return SendResult.Accepted($"SM{Guid.NewGuid():N}");
    }
}
