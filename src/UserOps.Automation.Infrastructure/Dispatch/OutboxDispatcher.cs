using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// Turns outbox rows into messages. Each round claims due rows per channel (as many as the channel's circuit
/// and rate allow), checks the guards, renders, commits the rows as <see cref="OutboxStatus.Sending"/>, sends,
/// and records every attempt and outcome. Safe on several hosts at once; see ADR 0004 for rows in flight.
/// </summary>
public sealed class OutboxDispatcher
{
    private static readonly Channel[] Channels = [Channel.Email, Channel.Sms, Channel.Push];

    private readonly IDbContextFactory<AutomationDb> _dbFactory;
    private readonly IServiceScopeFactory _scopes;
    private readonly ITemplateRenderer _renderer;
    private readonly ChannelGates _gates;
    private readonly ChannelSendRunner _runner;
    private readonly UnsubscribeLinks _links;
    private readonly WebhookDispatcher _webhooks;
    private readonly DispatchOptions _options;
    private readonly DispatchGuard _guard;
    private readonly RetrySchedule _retries;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;

    internal OutboxDispatcher(
        IDbContextFactory<AutomationDb> dbFactory, IServiceScopeFactory scopes, ITemplateRenderer renderer, ChannelGates gates, ChannelSendRunner runner,
        UnsubscribeLinks links, WebhookDispatcher webhooks, IOptions<DispatchOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        _dbFactory = dbFactory;
        _scopes = scopes;
        _renderer = renderer;
        _gates = gates;
        _runner = runner;
        _links = links;
        _webhooks = webhooks;
        _options = options.Value;
        _guard = new DispatchGuard(_options.ToPolicy());
        _retries = new RetrySchedule(_guard.Policy);
        _time = time;
        _logger = logger;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Dispatches rounds until nothing is due or <paramref name="budget"/> (on the injected clock) is used up. Never
    /// waits: when a channel's rate is spent the report says for how long, and the caller decides.
    /// </summary>
    public async Task<DispatchReport> DispatchAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var started = _time.GetTimestamp();
        var report = new DispatchReport { Abandoned = await AbandonInFlightAsync(cancellationToken) };
        while (_time.GetElapsedTime(started) < budget && !cancellationToken.IsCancellationRequested)
        {
            var round = await RoundAsync(owner, cancellationToken);
            var webhooks = await _webhooks.DeliverDueAsync(owner, _options.BatchSize, cancellationToken);
            report += round with { Webhooks = webhooks };
            if (round.Claimed == 0 && webhooks == 0)
            {
                return report with { RateLimitedFor = round.RateLimitedFor };
            }
        }

        return report;
    }

    /// <summary>Rows left in Sending past their lease were on a host that died mid-send: failed, never resent (ADR 0004).</summary>
    internal async Task<int> AbandonInFlightAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var stuck = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now).Take(1000).ToListAsync(cancellationToken);
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

    private async Task<DispatchReport> RoundAsync(string owner, CancellationToken cancellationToken)
    {
        var now = Now;
        var leaseUntil = now + TimeSpan.FromSeconds(_options.LeaseSeconds);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = new List<long>();
        var probes = new List<Channel>();
        TimeSpan? rateLimited = null;
        foreach (var channel in Channels)
        {
            var gate = _gates[channel];
            var allowance = gate.Circuit.Allowance(now);
            if (allowance == 0)
            {
                continue;
            }

            var size = Math.Min(Math.Min(_options.BatchSize, allowance ?? int.MaxValue), gate.Rate.Available());
            if (size == 0)
            {
                rateLimited = Min(rateLimited, gate.Rate.UntilNext());
                ReleaseProbe(gate, allowance);
                continue;
            }

            var claimed = await OutboxClaims.ClaimMessagesAsync(db, channel, now, size, owner, leaseUntil, cancellationToken);
            gate.Rate.Take(claimed.Count);
            if (claimed.Count == 0)
            {
                ReleaseProbe(gate, allowance);
            }
            else if (allowance == 1)
            {
                probes.Add(channel);
            }

            ids.AddRange(claimed);
        }

        if (ids.Count == 0)
        {
            return new DispatchReport { RateLimitedFor = rateLimited };
        }

        // Untracked: a row that is sent is written set-based (OutboxRowUpdates); one with another outcome is attached first.
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.NotBefore).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var (sends, report) = await PrepareAsync(db, rows, now, leaseUntil, cancellationToken);

        // A probe row the guards held back was never sent: the circuit must let another one through.
        foreach (var channel in probes.Where(c => sends.All(s => s.Row.Channel != c)))
        {
            _gates[channel].Circuit.ProbeUnused();
        }

        // Committed before anything leaves: from here a crash leaves the rows Sending, and they are never sent twice.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await OutboxRowUpdates.MarkSendingAsync(db, sends.Select(s => s.Row), leaseUntil, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Not cancelled from here: a shutdown waits for the round's sends (bounded by the channel timeouts) and
        // their outcomes, rather than leaving rows Sending that ADR 0004 would then have to give up on.
        await _runner.RunAsync(sends, CancellationToken.None);
        report = await SendOutcomes.RecordAsync(db, sends, report, _retries, Now, CancellationToken.None);
        return report with { Claimed = rows.Count, RateLimitedFor = rateLimited };
    }

    private async Task<(List<PendingSend> Sends, DispatchReport Report)> PrepareAsync(
        AutomationDb db, List<OutboxMessage> rows, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var lookups = await GuardLookups.LoadAsync(db, rows, now - _guard.Policy.FrequencyWindow, cancellationToken);
        await using var scope = _scopes.CreateAsyncScope();
        var templates = scope.ServiceProvider.GetRequiredService<ITemplateStore>();
        var resolved = new Dictionary<(string, string?), TemplateVersion?>();
        var sends = new List<PendingSend>();
        var report = new DispatchReport();
        foreach (var row in rows)
        {
            if (!lookups.Contacts.TryGetValue(row.ContactId, out var contact))
            {
                db.Attach(row);
                row.Fail("contact not found");
                report += new DispatchReport { Failed = 1 };
                continue;
            }

            var decision = _guard.Check(row, contact, now, lookups.IsSuppressed(row.Channel, contact), lookups.CappedCount(contact.Id));
            if (decision.Verdict == GuardVerdict.Send)
            {
                var key = (row.TemplateKey, contact.Locale);
                if (!resolved.TryGetValue(key, out var template))
                {
                    template = await templates.ResolveAsync(row.TemplateKey, contact.Locale, cancellationToken);
                    resolved[key] = template;
                }

                decision = template is null ? GuardDecision.Fail($"template '{row.TemplateKey}' not found")
                    : template.Channel != row.Channel ? GuardDecision.Fail($"template '{row.TemplateKey}' is a {template.Channel} template, the row is {row.Channel}")
                    : decision;
                if (decision.Verdict == GuardVerdict.Send)
                {
                    var unsubscribe = row.Channel == Channel.Email ? await _links.UrlAsync(contact.Id, Channel.Email, cancellationToken) : null;
                    RenderedMessage message;
                    try
                    {
                        message = _renderer.Render(template!, MessageContexts.From(contact, row, unsubscribe));
                    }
                    catch (TemplateSyntaxException ex)
                    {
                        db.Attach(row);
                        report += Apply(row, GuardDecision.Fail($"template '{row.TemplateKey}' v{template!.Version} does not render: {ex.Message}"));
                        continue;
                    }

                    if (message is RenderedEmail email)
                    {
                        message = email with { MessageId = MessageIdOf(row.IdempotencyKey) };
                    }

                    row.StartSending(template!.Id, leaseUntil);
                    lookups.Counted(row);
                    sends.Add(new PendingSend(row, contact, message, unsubscribe));
                    continue;
                }
            }

            db.Attach(row);
            report += Apply(row, decision);
        }

        return (sends, report);
    }

    private static DispatchReport Apply(OutboxMessage row, GuardDecision decision)
    {
        switch (decision.Verdict)
        {
            case GuardVerdict.Suppress:
                row.Suppress(decision.Reason!);
                return new DispatchReport { Suppressed = 1 };
            case GuardVerdict.Defer:
                row.Defer(decision.Until!.Value, decision.Reason!);
                return new DispatchReport { Deferred = 1 };
            case GuardVerdict.Expire:
                row.Expire(decision.Reason!);
                return new DispatchReport { Expired = 1 };
            default:
                row.Fail(decision.Reason!);
                return new DispatchReport { Failed = 1 };
        }
    }

    private string MessageIdOf(string idempotencyKey)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        return $"{hash}@{new Uri(_options.PublicBaseUrl).Host}";
    }

    private static void ReleaseProbe(ChannelGate gate, int? allowance)
    {
        if (allowance == 1)
        {
            gate.Circuit.ProbeUnused();
        }
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is null || b < a ? b : a;
}
