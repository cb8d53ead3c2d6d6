using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Facts;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Facts;

/// <summary>
/// The current RFM breakpoints, shared by every host through the <c>Settings</c> table as
/// <c>{"recencyDays":[..4],"frequency":[..4],"monetary":[..4]}</c>. Before the first refresh there is
/// no row and <see cref="RfmThresholds.Unscored"/> applies.
/// </summary>
public static class RfmThresholdsSetting
{
    public const string Key = "rfm-thresholds";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(RfmThresholds thresholds) => JsonSerializer.Serialize(thresholds, Json);

    public static RfmThresholds Deserialize(string json) =>
        JsonSerializer.Deserialize<RfmThresholds>(json, Json) ?? throw new JsonException($"Setting '{Key}' is empty.");

    public static async Task<RfmThresholds> LoadAsync(AutomationDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
        return value is null ? RfmThresholds.Unscored : Deserialize(value);
    }

    /// <summary>Adds or updates the row in <paramref name="db"/>'s change tracker; the caller saves.</summary>
    public static async Task StageAsync(AutomationDb db, RfmThresholds thresholds, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Key == Key, cancellationToken);
        if (row is null)
        {
            db.Settings.Add(new StoredSetting { Key = Key, Value = Serialize(thresholds), UpdatedAt = now });
        }
        else
        {
            row.Value = Serialize(thresholds);
            row.UpdatedAt = now;
        }
    }
}
