using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Dispatch;

/// <summary>
/// The first stage of a round: claims due rows per channel (as many as the channel's circuit and rate allow),
/// checks the guards, renders, commits the rows that will be sent as <see cref="OutboxStatus.Sending"/>, then builds
/// the emails. Rows the guards stop (suppressed, deferred, expired, failed) are written in the same commit. Nothing has
/// left when this returns; from then on the round's rows are sent and recorded whatever happens (ADR 0004, 0011).
/// </summary>
/// <remarks>
/// Several rounds may be prepared at once (ADR 0025): claims take turns (the rate and circuit allowances are read
/// then taken), and so do the guard sections, from the guard lookups to the Sending commit, so that a round's
/// frequency-cap counts always include the rows every earlier round of this host committed as Sending. One round's
/// claim, another's guard section and a third's email building run side by side.
/// </remarks>
internal sealed class RoundPreparer(
    IDbContextFactory<AutomationDb> dbFactory, IServiceScopeFactory scopes, ITemplateRenderer renderer, IEmailSender email, ChannelGates gates,
    UnsubscribeLinks links, DispatchOptions options, DispatchGuard guard, TimeProvider time) : IDisposable
{
    private static readonly Channel[] Channels = [Channel.Email, Channel.Sms, Channel.Push];

    // Parsed once, not per email.
    private string? _messageIdHost;

    private readonly SemaphoreSlim _claiming = new(1, 1);
    private readonly SemaphoreSlim _guarding = new(1, 1);

    public async Task<PreparedRound> PrepareAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = new List<OutboxMessage>();
        var probes = new List<Channel>();
        var openings = new Dictionary<Channel, int>();
        TimeSpan? rateLimited;
        var waitStarted = Stopwatch.GetTimestamp();
        await _claiming.WaitAsync(cancellationToken);
        DispatchStages.Since("prepare-wait", waitStarted);

        // Read after the wait: a round that waited for another's claim leases its rows from when it claims them.
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + TimeSpan.FromSeconds(options.LeaseSeconds);
        try
        {
            rateLimited = await ClaimAsync(db, rows, probes, openings, owner, now, leaseUntil, cancellationToken);
        }
        finally
        {
            _claiming.Release();
        }

        if (rows.Count == 0)
        {
            return new PreparedRound([], new DispatchReport { RateLimitedFor = rateLimited }, openings);
        }

        // Across channels in the order they fell due, as the guards count a contact's capped messages in that order.
        rows.Sort(static (a, b) => a.NotBefore != b.NotBefore ? a.NotBefore.CompareTo(b.NotBefore) : a.Id.CompareTo(b.Id));
        List<PendingSend> sends;
        DispatchReport report;
        try
        {
            waitStarted = Stopwatch.GetTimestamp();
            await _guarding.WaitAsync(cancellationToken);
            DispatchStages.Since("prepare-wait", waitStarted);
            try
            {
                (sends, report) = await GuardAndCommitAsync(db, rows, probes, now, leaseUntil, cancellationToken);
            }
            finally
            {
                _guarding.Release();
            }
        }
        catch
        {
            foreach (var channel in probes)
            {
                gates[channel].Circuit.ProbeUnused();
            }

            await ReleaseAsync([.. rows.Select(r => r.Id)], owner);
            throw;
        }

        // After the commit, outside the guard section: building sends nothing, and an email that cannot be built is
        // recorded as that send's failure (the round is committed, so it is sent and recorded whatever happens).
        var mimeStarted = Stopwatch.GetTimestamp();
        RoundEmails.Build(email, time, sends);
        DispatchStages.Since("mime", mimeStarted);
        return new PreparedRound(sends, report with { Claimed = rows.Count, RateLimitedFor = rateLimited }, openings);
    }

    /// <summary>Claims each channel's share of a round into <paramref name="rows"/>; the time until a rate-limited channel has tokens again.</summary>
    private async Task<TimeSpan?> ClaimAsync(
        AutomationDb db, List<OutboxMessage> rows, List<Channel> probes, Dictionary<Channel, int> openings, string owner, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        TimeSpan? rateLimited = null;
        foreach (var channel in Channels)
        {
            var gate = gates[channel];
            openings[channel] = gate.Circuit.Openings;
            var allowance = gate.Circuit.Allowance(now);
            if (allowance == 0)
            {
                continue;
            }

            var size = Math.Min(Math.Min(options.BatchSize, allowance ?? int.MaxValue), gate.Rate.Available());
            if (size == 0)
            {
                rateLimited = Min(rateLimited, gate.Rate.UntilAvailable(Math.Min(options.BatchSize, gate.Rate.Capacity) / 2));
                ReleaseProbe(gate, allowance);
                continue;
            }

            var claimStarted = Stopwatch.GetTimestamp();
            var claimed = await OutboxClaims.ClaimMessagesAsync(db, channel, now, size, owner, leaseUntil, cancellationToken);
            DispatchStages.Since("claim", claimStarted);
            gate.Rate.Take(claimed.Count);
            if (claimed.Count == 0)
            {
                ReleaseProbe(gate, allowance);
            }
            else if (allowance == 1)
            {
                probes.Add(channel);
            }

            rows.AddRange(claimed);
        }

        return rateLimited;
    }

    /// <summary>The guard section: lookups, guards and rendering, then the Sending commit. One round at a time per host.</summary>
    private async Task<(List<PendingSend> Sends, DispatchReport Report)> GuardAndCommitAsync(
        AutomationDb db, List<OutboxMessage> rows, List<Channel> probes, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        // The claim returned the rows untracked: a row that is sent is written set-based (OutboxRowUpdates); one
        // with another outcome is attached first.
        var (sends, report) = await CheckAndRenderAsync(db, rows, now, leaseUntil, cancellationToken);

        // A probe row the guards held back was never sent: the circuit must let another one through.
        foreach (var channel in probes.Where(c => sends.All(s => s.Row.Channel != c)))
        {
            gates[channel].Circuit.ProbeUnused();
        }

        // Committed before anything leaves: from here a crash leaves the rows Sending, and they are never sent twice.
        var commitStarted = Stopwatch.GetTimestamp();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await OutboxRowUpdates.MarkSendingAsync(db, sends.Select(s => s.Row), leaseUntil, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        DispatchStages.Since("commit-sending", commitStarted);
        return (sends, report);
    }

    /// <summary>
    /// Best effort after a failed round: its claimed rows (none of them marked sending) go back to the queue at once
    /// instead of waiting out their lease. If the database is what failed, this fails too and the lease runs out.
    /// </summary>
    private async Task ReleaseAsync(List<long> ids, string owner)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && (m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Deferred))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
        {
            // The lease runs out instead (Dispatch:LeaseSeconds); the rows are claimed again then.
        }
    }

    private async Task<(List<PendingSend> Sends, DispatchReport Report)> CheckAndRenderAsync(
        AutomationDb db, List<OutboxMessage> rows, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        var lookupsStarted = Stopwatch.GetTimestamp();
        var lookups = await GuardLookups.LoadAsync(db, rows, now - guard.Policy.FrequencyWindow, cancellationToken);
        DispatchStages.Since("guard-lookups", lookupsStarted);
        long renderTicks = 0, linkTicks = 0;
        await using var scope = scopes.CreateAsyncScope();
        var templates = scope.ServiceProvider.GetRequiredService<ITemplateStore>();
        var resolved = new Dictionary<(string, string?), TemplateVersion?>();
        var sends = new List<PendingSend>(rows.Count);
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

            var decision = guard.Check(row, contact, now, lookups.IsSuppressed(row.Channel, contact), lookups.CappedCount(contact.Id));
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
                    var started = Stopwatch.GetTimestamp();
                    var unsubscribe = row.Channel == Channel.Email ? await links.UrlAsync(contact.Id, Channel.Email, cancellationToken) : null;
                    var rendering = Stopwatch.GetTimestamp();
                    linkTicks += rendering - started;
                    RenderedMessage message;
                    try
                    {
                        message = renderer.Render(template!, MessageContexts.From(contact, row, unsubscribe));
                        renderTicks += Stopwatch.GetTimestamp() - rendering;
                    }
                    catch (TemplateSyntaxException ex)
                    {
                        db.Attach(row);
                        report += Apply(row, GuardDecision.Fail($"template '{row.TemplateKey}' v{template!.Version} does not render: {ex.Message}"));
                        continue;
                    }

                    if (message is RenderedEmail rendered)
                    {
                        var building = Stopwatch.GetTimestamp();
                        message = rendered with { MessageId = MessageIdOf(row.IdempotencyKey) };
                        linkTicks += Stopwatch.GetTimestamp() - building;
                    }

                    row.StartSending(template!.Id, leaseUntil);
                    lookups.Counted(row);
                    sends.Add(new PendingSend(row, contact, message) { UnsubscribeUrl = unsubscribe });
                    continue;
                }
            }

            db.Attach(row);
            report += Apply(row, decision);
        }

        DispatchStages.Record("render", renderTicks);
        DispatchStages.Record("links", linkTicks);
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
        return $"{hash}@{_messageIdHost ??= new Uri(options.PublicBaseUrl).Host}";
    }

    private static void ReleaseProbe(ChannelGate gate, int? allowance)
    {
        if (allowance == 1)
        {
            gate.Circuit.ProbeUnused();
        }
    }

    public void Dispose()
    {
        _claiming.Dispose();
        _guarding.Dispose();
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is null || b < a ? b : a;
}

/// <summary>
/// A prepared round: its sends (committed as Sending), what the guards did to the other rows it claimed, and each
/// channel's circuit openings when it was claimed, so that a circuit opening while an earlier round sends stops this one too.
/// </summary>
internal sealed record PreparedRound(List<PendingSend> Sends, DispatchReport Report, IReadOnlyDictionary<Channel, int> Openings)
{
    /// <summary>Stands for a round whose prepare failed: nothing claimed, nothing to send.</summary>
    public static PreparedRound Nothing { get; } = new([], new DispatchReport(), new Dictionary<Channel, int>());
}
