using UserOps.Automation.Infrastructure.Facts;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>
/// The current <see cref="FactsPolicy"/>: configuration plus the RFM breakpoints that the refresh job stores
/// under <see cref="RfmSettingKey"/>. Cached briefly so the hot path does not read the setting per request.
/// </summary>
public sealed class FactsPolicyProvider(IOptions<FactsOptions> options, TimeProvider time, ILogger<FactsPolicyProvider> logger) : IDisposable
{
    /// <summary>The <see cref="StoredSetting"/> holding <c>{"recencyDays":[4],"frequency":[4],"monetary":[4]}</c>.</summary>
    public const string RfmSettingKey = RfmThresholdsSetting.Key;

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FactsPolicy? _policy;
    private long _loadedAt;

    public async Task<FactsPolicy> GetAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_policy is { } cached && time.GetElapsedTime(_loadedAt) < CacheFor)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_policy is { } again && time.GetElapsedTime(_loadedAt) < CacheFor)
            {
                return again;
            }

            var text = await db.Settings.AsNoTracking().Where(s => s.Key == RfmSettingKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
            _policy = options.Value.ToPolicy(ParseRfm(text));
            _loadedAt = time.GetTimestamp();
            return _policy;
        }
        finally
        {
            _gate.Release();
        }
    }

    private RfmThresholds ParseRfm(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return RfmThresholds.Unscored;
        }

        try
        {
            var stored = RfmThresholdsSetting.Deserialize(text);
            if (stored is { RecencyDays.Count: 4, Frequency.Count: 4, Monetary.Count: 4 })
            {
                return stored;
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Setting {Key} is not valid JSON; using the unscored RFM breakpoints", RfmSettingKey);
            return RfmThresholds.Unscored;
        }

        logger.LogWarning("Setting {Key} does not hold four breakpoints per score; using the unscored RFM breakpoints", RfmSettingKey);
        return RfmThresholds.Unscored;
    }

    public void Dispose() => _gate.Dispose();

}
