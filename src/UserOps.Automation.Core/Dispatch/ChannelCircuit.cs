namespace UserOps.Automation.Core.Dispatch;

/// <summary>
/// A small circuit breaker for one channel on one host. After <c>threshold</c> transient failures in a row
/// the circuit opens: the dispatcher claims none of the channel's rows, so they wait without using attempts.
/// After the break it lets one probe through (half-open); its success closes the circuit, its failure reopens it.
/// </summary>
public sealed class ChannelCircuit(int threshold, TimeSpan breakDuration)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTime? _openUntil;
    private bool _probing;
    private int _openings;

    /// <summary>
    /// How many times the circuit has opened so far. A round notes it when it claims its rows; if it changed by the
    /// time the round sends (an earlier round's failures opened it), the round's messages are not sent.
    /// </summary>
    public int Openings => Volatile.Read(ref _openings);

    public CircuitState State(DateTime nowUtc)
    {
        lock (_lock)
        {
            return StateAt(nowUtc);
        }
    }

    /// <summary>How many rows of the channel may be claimed now: all (null), none (0) or one probe.</summary>
    public int? Allowance(DateTime nowUtc)
    {
        lock (_lock)
        {
            switch (StateAt(nowUtc))
            {
                case CircuitState.Closed:
                    return null;
                case CircuitState.HalfOpen:
                    _probing = true;
                    return 1;
                default:
                    return 0;
            }
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _failures = 0;
            _openUntil = null;
            _probing = false;
        }
    }

    /// <summary>A transient failure; true when it opened (or reopened) the circuit.</summary>
    public bool Failed(DateTime nowUtc)
    {
        lock (_lock)
        {
            _failures++;
            if (_probing || (_openUntil is null && _failures >= threshold))
            {
                _openUntil = nowUtc + breakDuration;
                _probing = false;
                Interlocked.Increment(ref _openings);
                return true;
            }

            return false;
        }
    }

    private CircuitState StateAt(DateTime nowUtc) =>
        _openUntil is null ? CircuitState.Closed : nowUtc < _openUntil || _probing ? CircuitState.Open : CircuitState.HalfOpen;

    /// <summary>The probe was claimed but never sent (rate, guards): let another one through.</summary>
    public void ProbeUnused()
    {
        lock (_lock)
        {
            _probing = false;
        }
    }
}

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
