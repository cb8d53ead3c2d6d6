namespace UserOps.Automation.Core.Simulation;

/// <summary>
/// The simulator's clock: it stands still while the engine runs a step, and the simulator moves it to the next
/// wake-up or event. The engine reads it through <see cref="TimeProvider"/> as it reads the real one.
/// </summary>
internal sealed class SimulationClock(DateTime start) : TimeProvider
{
    public DateTime Now { get; private set; } = DateTime.SpecifyKind(start, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);

    /// <summary>Moves forward only: a simulated journey, like a real one, never goes back in time.</summary>
    public void MoveTo(DateTime instant)
    {
        if (instant > Now)
        {
            Now = DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        }
    }
}
