using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using UserOps.Automation.Core.Coupons;
using UserOps.Automation.Core.Journeys;
using UserOps.Automation.Core.Operations;
using UserOps.Automation.Core.Outbox;

namespace UserOps.Automation.Infrastructure.Persistence;

/// <summary>The operations table, and the indexes the dashboard's time-range queries read by.</summary>
internal static class OperationConfiguration
{
    private static readonly ValueConverter<IReadOnlyList<OperationError>, string> ErrorsConverter = new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
        s => string.IsNullOrEmpty(s) ? new List<OperationError>() : JsonSerializer.Deserialize<List<OperationError>>(s, JsonSerializerOptions.Web) ?? new List<OperationError>());

    // The list grows in place: compare by content, snapshot by copy.
    private static readonly ValueComparer<IReadOnlyList<OperationError>> ErrorsComparer = new(
        (a, b) => a!.Count == b!.Count && a.SequenceEqual(b),
        v => v.Count,
        v => v.ToList());

    /// <param name="timeRangesByBlockRange">
    /// PostgreSQL: the dashboard's time indexes are BRIN (block range) indexes rather than B-trees (ADR 0024).
    /// </param>
    public static void Apply(ModelBuilder modelBuilder, bool timeRangesByBlockRange)
    {
        var operation = modelBuilder.Entity<Operation>();
        operation.ToTable("Operations");
        operation.HasKey(o => o.Id);
        operation.Property(o => o.Kind).HasMaxLength(40).IsRequired();
        operation.Property(o => o.Subject).HasMaxLength(300);
        operation.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        operation.Property(o => o.Unit).HasMaxLength(20).IsRequired();
        operation.Property(o => o.Message).HasMaxLength(1000);
        operation.Property(o => o.StartedBy).HasMaxLength(200);
        operation.Property(o => o.Owner).HasMaxLength(200);
        operation.Property(o => o.Key).HasMaxLength(300);
        operation.HasIndex(o => o.Key).IsUnique();
        operation.Property(o => o.FirstErrors).HasField("_firstErrors").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(ErrorsConverter, ErrorsComparer).IsRequired();
        operation.Property(o => o.Counts).HasConversion(JsonObjectConversion.Converter, JsonObjectConversion.Comparer);
        operation.Ignore(o => o.IsFinished);
        operation.HasIndex(o => new { o.Status, o.StartedAt });
        operation.HasIndex(o => o.StartedAt);

        // The dashboard reads these tables by time range (DashboardQuery; the outbox page's from/to too), never in index
        // order. The rows are written in time order, so on PostgreSQL a block range index serves those ranges and costs a
        // blast's insert nothing (a new block range is summarised later, by vacuum), where each B-tree cost a leaf insert
        // and its log record for every journey, coupon and message (ADR 0024).
        var outboxCreatedAt = modelBuilder.Entity<OutboxMessage>().HasIndex(m => m.CreatedAt);
        var journeyEnteredAt = modelBuilder.Entity<Journey>().HasIndex(j => j.EnteredAt);
        var couponIssuedAt = modelBuilder.Entity<Coupon>().HasIndex(c => c.IssuedAt);
        if (timeRangesByBlockRange)
        {
            outboxCreatedAt.HasMethod("brin");
            journeyEnteredAt.HasMethod("brin");
            couponIssuedAt.HasMethod("brin");
        }
    }
}
