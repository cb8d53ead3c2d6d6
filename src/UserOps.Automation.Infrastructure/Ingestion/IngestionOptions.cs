using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Ingestion;

/// <summary>Limits and defaults of the ways data comes in (API, Segment-spec endpoints, CSV import).</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Region used to read phone numbers written without a leading <c>+</c> (ISO 3166 alpha-2, e.g. <c>CN</c>).</summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$")]
    public string DefaultRegion { get; set; } = "CN";

    /// <summary>Currency of an amount sent without one (Segment's <c>revenue</c> is USD when no currency is given).</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string DefaultCurrency { get; set; } = "USD";

    /// <summary>Largest JSON request body; bigger ones get 413. CSV imports are streamed and not limited by it.</summary>
    [Range(1024, int.MaxValue)]
    public long MaxBodyBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most items in one bulk call.</summary>
    [Range(1, 10_000)]
    public int MaxBatchItems { get; set; } = 1000;

    /// <summary>Rows per database batch in a CSV import.</summary>
    [Range(1, 10_000)]
    public int ImportBatchSize { get; set; } = 1000;

    /// <summary>How far in the future an event's timestamp may be (client clocks drift) before it is rejected.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the list of segments evaluated on each event is cached.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SegmentCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most queue rows (events, upserted contacts) one applier round takes (ADR 0009).</summary>
    [Range(1, 100_000)]
    public int ApplyBatchSize { get; set; } = 5000;

    /// <summary>
    /// Contact partitions the applier runs side by side, each round taking only queue rows of its partition's contacts
    /// (contacts in <see cref="ApplierLock.Buckets"/> fixed buckets by id): on PostgreSQL only (ADR 0026), where one round
    /// at a time keeps a core idle while the other round trips. Hosts may differ in the count (rounds sharing a bucket take
    /// turns). One by default until an A/B on a quiet machine shows two win the realistic mix (session 7: the product's
    /// CPU per event rose with two).
    /// </summary>
    [Range(1, 16)]
    public int ApplyPartitions { get; set; } = 1;

    /// <summary>How often an idle host looks for events accepted by another host; events accepted here wake it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ApplyPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>/health reports Degraded when the oldest event not yet applied is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxApplyLag { get; set; } = TimeSpan.FromMinutes(1);
}
