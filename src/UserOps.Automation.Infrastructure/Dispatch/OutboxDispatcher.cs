using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Turns outbox rows into messages, in rounds of three stages: prepare (claim, guards, render, commit the rows as
/// <see cref="OutboxStatus.Sending"/>; <see cref="RoundPreparer"/>), send, and record every attempt and outcome. The
/// stages of consecutive rounds overlap (ADR 0011): while a round sends, the next one is prepared and the previous one
/// recorded, so the database work no longer holds up the sends. Safe on several hosts at once; see ADR 0004 for rows in flight.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly IDbContextFactory<AutomationDb> _dbFactory;
    private readonly RoundPreparer _rounds;
    private readonly ChannelSendRunner _runner;
    private readonly WebhookDispatcher _webhooks;
    private readonly DispatchOptions _options;
    private readonly RetrySchedule _retries;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private int _defaultPrepareAhead;

    internal OutboxDispatcher(
        IDbContextFactory<AutomationDb> dbFactory, IServiceScopeFactory scopes, ITemplateRenderer renderer, IEmailSender email, ChannelGates gates, ChannelSendRunner runner,
        UnsubscribeLinks links, WebhookDispatcher webhooks, IOptions<DispatchOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        _dbFactory = dbFactory;
        _runner = runner;
        _webhooks = webhooks;
        _options = options.Value;
        var guard = new DispatchGuard(_options.ToPolicy());
        _rounds = new RoundPreparer(dbFactory, scopes, renderer, email, gates, links, _options, guard, time);
        _retries = new RetrySchedule(guard.Policy);
        _time = time;
        _logger = logger;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Dispatches rounds until nothing is due or <paramref name="budget"/> (on the injected clock) is used up. Never
    /// waits: when a channel's rate is spent the report says for how long, and the caller decides.
    /// </summary>
    /// <remarks>
    /// A round committed as Sending is always sent and recorded, even when the call is cancelled or another stage
    /// fails meanwhile: the pipeline then stops preparing rounds, drains the ones in flight, and rethrows.
    /// </remarks>
    public async Task<DispatchReport> DispatchAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var started = _time.GetTimestamp();
        var report = new DispatchReport { Abandoned = await AbandonInFlightAsync(cancellationToken) };
        var errors = new List<Exception>();
        Task<Outcome<DispatchReport>>? recording = null;

        // Rounds being prepared while the current one sends, oldest first (ADR 0025; ADR 0011 had one).
        var ahead = new Queue<Task<Outcome<PreparedRound>>>();
        var depth = _options.PrepareAhead ?? await DefaultPrepareAheadAsync(cancellationToken);
        bool MayPrepare() => errors.Count == 0 && _time.GetElapsedTime(started) < budget && !cancellationToken.IsCancellationRequested;
        long? sendsEnded = null;
        var current = await _rounds.PrepareAsync(owner, cancellationToken);
        while (true)
        {
            var webhooks = 0;
            if (current.Report.Claimed > 0)
            {
                // The connections' idle time between two rounds' sends: the prepare stages' cost the sends did not hide.
                if (sendsEnded is { } ended)
                {
                    DispatchStages.Since("send-idle", ended);
                }

                // Not cancelled from here: a shutdown waits for the round's sends (bounded by the channel timeouts) and
                // their outcomes, rather than leaving rows Sending that ADR 0004 would then have to give up on.
                var sending = Outcome.Of(TimedAsync("send", _runner.RunAsync(current.Sends, current.Openings, CancellationToken.None)));
                while (ahead.Count < depth && MayPrepare())
                {
                    ahead.Enqueue(Outcome.Of(_rounds.PrepareAsync(owner, cancellationToken)));
                }

                Collect(await sending, errors);
                sendsEnded = Stopwatch.GetTimestamp();
                if (recording is not null)
                {
                    report += Collect(await recording, errors) ?? new DispatchReport();
                }

                recording = Outcome.Of(RecordAsync(current.Sends));
                report += current.Report with { RateLimitedFor = null };
            }

            if (errors.Count == 0 && !cancellationToken.IsCancellationRequested)
            {
                webhooks = Collect(await Outcome.Of(_webhooks.DeliverDueAsync(owner, _options.Webhooks.BatchSize, cancellationToken)), errors);
                report += new DispatchReport { Webhooks = webhooks };
            }

            var rateLimited = current.Report.RateLimitedFor;
            if (ahead.TryDequeue(out var next))
            {
                // Every round prepared ahead is taken in turn, even after a failure: one committed as Sending is sent and
                // recorded (it sends nothing if it failed or claimed nothing, and no new round is prepared after a failure).
                current = Collect(await next, errors) ?? PreparedRound.Nothing;
                continue;
            }

            if (current.Report.Claimed == 0 && webhooks == 0)
            {
                report = report with { RateLimitedFor = rateLimited };
                break;
            }

            // Left: a failed stage, the budget or cancellation (stop); or the queue ran dry with webhooks delivered (go on).
            if (!MayPrepare() || Collect(await Outcome.Of(_rounds.PrepareAsync(owner, cancellationToken)), errors) is not { } again)
            {
                break;
            }

            current = again;
        }

        if (recording is not null)
        {
            report += Collect(await recording, errors) ?? new DispatchReport();
        }

        if (errors.Count > 0)
        {
            ExceptionDispatchInfo.Throw(errors.Count == 1 ? errors[0] : new AggregateException(errors));
        }

        return report;
    }

    /// <summary>ADR 0025: two rounds ahead where the database is another process, one on SQLite (see <see cref="DispatchOptions.PrepareAhead"/>).</summary>
    private async ValueTask<int> DefaultPrepareAheadAsync(CancellationToken cancellationToken)
    {
        if (_defaultPrepareAhead == 0)
        {
            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
            _defaultPrepareAhead = db.Provider == DatabaseProvider.Sqlite ? 1 : 2;
        }

        return _defaultPrepareAhead;
    }

    /// <summary>A round's outcomes, on a context of its own so that it can run beside the next round's stages.</summary>
    private async Task<DispatchReport> RecordAsync(List<PendingSend> sends)
    {
        if (sends.Count == 0)
        {
            return new DispatchReport();
        }

        var started = Stopwatch.GetTimestamp();
        await using var db = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        var report = await SendOutcomes.RecordAsync(db, sends, new DispatchReport(), _retries, Now, CancellationToken.None);
        DispatchStages.Since("record", started);
        return report;
    }

    public void Dispose() => _rounds.Dispose();

    private static async Task TimedAsync(string stage, Task work)
    {
        var started = Stopwatch.GetTimestamp();
        await work;
        DispatchStages.Since(stage, started);
    }

    private static T? Collect<T>(Outcome<T> outcome, List<Exception> errors)
    {
        if (outcome.Error is { } error)
        {
            errors.Add(error);
        }

        return outcome.Value;
    }

    /// <summary>Rows left in Sending past their lease were on a host that died mid-send: failed, never resent (ADR 0004).</summary>
    internal async Task<int> AbandonInFlightAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var stuck = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now).OrderBy(m => m.Id).Take(1000).ToListAsync(cancellationToken);
        foreach (var row in stuck)
        {
            row.Fail(OutboxMessage.InFlightReason);
            db.MessageAttempts.Add(new MessageAttempt(row.Id, row.Attempts, now, "Unknown") { ErrorMessage = OutboxMessage.InFlightReason });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (stuck.Count > 0)
        {
            _logger.LogWarning("Marked {Count} outbox rows failed: {Reason}", stuck.Count, OutboxMessage.InFlightReason);
        }

        return stuck.Count;
    }
}
