using System.ComponentModel.DataAnnotations;

namespace UserOps.Automation.Infrastructure.Operations;

/// <summary>Liveness of long operations (<c>Operations</c> section): how often a running one says it is alive, and when it is taken for dead.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>How often the process running an operation writes its heartbeat.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// A running operation whose heartbeat is older than this is failed as "host stopped". Keep it several heartbeats
    /// long: on SQLite a heartbeat waits for the write lock while a long transaction holds it.
    /// </summary>
    [Range(2, 86400)]
    public int DeadAfterSeconds { get; set; } = 120;

    /// <summary>How often each host looks for operations whose host died.</summary>
    [Range(1, 3600)]
    public int ReapSeconds { get; set; } = 30;
}
