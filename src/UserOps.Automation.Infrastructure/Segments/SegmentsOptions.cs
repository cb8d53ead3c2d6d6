using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Segments;

/// <summary>Whole-segment work (<c>Segments</c> section).</summary>
public sealed class SegmentsOptions
{
    public const string SectionName = "Segments";

    /// <summary>Quartz cron (with seconds) of the refresh of every segment; every 15 minutes by default.</summary>
    [Required]
    public string RefreshCron { get; set; } = "0 0/15 * * * ?";
}
