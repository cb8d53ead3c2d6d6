using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>This host's per-channel circuit, rate limiter and concurrency limit.</summary>
internal sealed class ChannelGates : IDisposable
{
    private readonly Dictionary<Channel, ChannelGate> _gates;

    public ChannelGates(IOptions<DispatchOptions> options, TimeProvider time)
    {
        var o = options.Value;
        ChannelGate Make(ChannelLimits limits) => new(
            new ChannelCircuit(o.Circuit.FailureThreshold, TimeSpan.FromSeconds(o.Circuit.BreakSeconds)),
            new ChannelRateLimiter(limits.RatePerSecond, time, limits.BurstSeconds),
            limits.MaxConcurrent);
        _gates = new()
        {
            [Channel.Email] = Make(o.Email),
            [Channel.Sms] = Make(o.Sms),
            [Channel.Push] = Make(o.Push),
        };
    }

    public ChannelGate this[Channel channel] => _gates[channel];

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Rate.Dispose();
        }
    }
}

internal sealed record ChannelGate(ChannelCircuit Circuit, ChannelRateLimiter Rate, int MaxConcurrent);
