using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Rules;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// The segments an event can move a contact in or out of, with their compiled rules. The list is small and
/// read on every batch, so it is cached for a few seconds (<see cref="IngestionOptions.SegmentCacheDuration"/>):
/// a new segment starts being maintained on events that much later, and its periodic refresh covers the gap.
/// </summary>
public sealed class SegmentRuleCache(RuleCatalog rules, IOptions<IngestionOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SegmentRule>? _segments;
    private long _loadedAt;

    public async Task<IReadOnlyList<SegmentRule>> GetAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_segments is { } cached && time.GetElapsedTime(_loadedAt) < options.Value.SegmentCacheDuration)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_segments is { } again && time.GetElapsedTime(_loadedAt) < options.Value.SegmentCacheDuration)
            {
                return again;
            }

            var segments = await db.Segments.AsNoTracking().Select(s => new { s.Id, s.Rule }).ToListAsync(cancellationToken);
            _segments = segments
                .Select(s => (s.Id, Rule: rules.Find(s.Rule)))
                .Where(s => s.Rule is { UsesEvent: false })
                .Select(s => new SegmentRule(s.Id, s.Rule!))
                .ToList();
            _loadedAt = time.GetTimestamp();
            return _segments;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Forgets the cached list (a segment was created or deleted on this host).</summary>
    public void Invalidate() => _segments = null;
}

/// <summary>A segment and the rule that defines it.</summary>
public sealed record SegmentRule(long SegmentId, CompiledRule Rule);
