using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Scheduling;

/// <summary>The host's Quartz scheduler (<c>Quartz</c> section). Its job store is the app's own database.</summary>
public sealed class QuartzSchedulingOptions
{
    public const string SectionName = "Quartz";

    /// <summary>
    /// The scheduler's name: hosts with the same name on one database form one cluster (PostgreSQL and SQL Server);
    /// each host gets a generated instance id of its own.
    /// </summary>
    [Required]
    [StringLength(120)]
    public string InstanceName { get; set; } = "userops-automation";

    /// <summary>Start the scheduler with the host. Off for a host that should only serve the API (or a test of something else).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (with seconds) of the due-journey sweep; every 2 seconds keeps a due journey within 5 seconds of its time.</summary>
    [Required]
    public string SweepCron { get; set; } = "0/2 * * * * ?";
}
