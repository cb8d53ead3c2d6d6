namespace UserOps.Automation.IntegrationTests.Dispatch.Fakes;

/// <summary>
/// Counts the rounds that reach template resolution (each round resolves its template once) and can fail one of
/// them, as a database error half-way through preparing a round would. <see cref="Reached"/> tells a test when a
/// given round got there.
/// </summary>
internal sealed class RoundObserver(int failRound = 0)
{
    private readonly Dictionary<int, TaskCompletionSource> _reached = [];
    private int _rounds;

    public Task Reached(int round)
    {
        lock (_reached)
        {
            return Signal(round).Task;
        }
    }

    public void Resolving()
    {
        var round = Interlocked.Increment(ref _rounds);
        lock (_reached)
        {
            Signal(round).TrySetResult();
        }

        if (round == failRound)
        {
            throw new InvalidOperationException($"round {round} failed while preparing");
        }
    }

    private TaskCompletionSource Signal(int round)
    {
        if (!_reached.TryGetValue(round, out var signal))
        {
            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _reached[round] = signal;
        }

        return signal;
    }
}
