using Microsoft.Extensions.Options;
using Quartz;
using UserOps.Automation.Infrastructure.Dispatch;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>
/// Every few seconds: dispatch due outbox rows and webhooks for a bounded time. When a channel's rate is spent it
/// waits for the next token here, on the real clock, inside the budget; the dispatcher itself never waits.
/// </summary>
public sealed class DispatchJob(OutboxDispatcher dispatcher, IOptions<DispatchOptions> options, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var budget = TimeSpan.FromSeconds(options.Value.BudgetSeconds);
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) is var elapsed && elapsed < budget)
        {
            var report = await dispatcher.DispatchAsync(budget - elapsed, cancellationToken);
            if (report.Claimed == 0 && report.Webhooks == 0 && report.RateLimitedFor is null)
            {
                return;
            }

            if (report.RateLimitedFor is { } limited && limited > TimeSpan.Zero)
            {
                await Task.Delay(limited < budget - elapsed ? limited : budget - elapsed, time, cancellationToken);
            }
        }
    }
}
