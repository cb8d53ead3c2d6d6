using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using UserOps.Automation.Infrastructure.Dispatch;

namespace UserOps.Automation.Bench.Scenarios;

/// <summary>
/// Listens to the dispatcher's stage histogram (<see cref="DispatchStages"/>) during one measured run and prints each
/// stage's wall time per message. Stages overlap (ADR 0011: one round sends while the next is prepared and the last
/// recorded), so they add up to more than the run's wall time; on two busy cores they show where the CPU goes.
/// </summary>
internal sealed class DispatchStageTimes : IDisposable
{
    private readonly ConcurrentDictionary<string, double> _milliseconds = new();
    private readonly MeterListener _listener = new();

    public DispatchStageTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DispatchStages.MeterName && instrument.Name == DispatchStages.InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stage" && tag.Value is string stage)
                {
                    _milliseconds.AddOrUpdate(stage, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public void Print(string run, int count)
    {
        var stages = _milliseconds.OrderBy(s => Array.IndexOf(Order, s.Key) is var i && i < 0 ? int.MaxValue : i)
            .Select(s => $"{s.Key} {s.Value * 1000 / count:N0}");
        Console.WriteLine($"    {run} stages (wall µs a message, overlapping): {string.Join(", ", stages)}");
    }

    public void Dispose() => _listener.Dispose();

    private static readonly string[] Order = ["prepare-wait", "claim", "guard-lookups", "links", "render", "mime", "commit-sending", "send", "send-idle", "record"];
}
