using System.Globalization;
using UserOps.Automation.Core.Workflows;

namespace UserOps.Automation.Infrastructure.Journeys;

/// <summary>
/// A share of a fired blast's audience whose journeys have not run yet (ADR 0010): the contacts as they were members
/// when the blast fired, and what their journeys start with. A sweep claims one like a batch of due journeys, runs the
/// new journeys to their first wait or end in memory, and inserts them in that state with their effects, deleting this
/// row in the same transaction: a journey is written once, and any host may take any share.
/// </summary>
internal sealed class PendingEnrolment
{
    private PendingEnrolment()
    {
        DefinitionId = string.Empty;
        FirstActivityId = string.Empty;
        SourceKey = string.Empty;
        ContactIds = string.Empty;
    }

    public PendingEnrolment(
        long workflowVersionId, string definitionId, string firstActivityId, string sourceKey, EntryPolicy policy, DateTime? periodStart, IReadOnlyCollection<long> contactIds, DateTime createdAt)
    {
        Policy = policy;
        PeriodStart = periodStart;
        WorkflowVersionId = workflowVersionId;
        DefinitionId = definitionId;
        FirstActivityId = firstActivityId;
        SourceKey = sourceKey;
        ContactIds = "[" + string.Join(',', contactIds.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
        Count = contactIds.Count;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public long WorkflowVersionId { get; private set; }
    public string DefinitionId { get; private set; }
    public string FirstActivityId { get; private set; }

    /// <summary>The blast run (<c>blast:{runKey}</c>), as each journey's <see cref="Core.Journeys.Journey.SourceKey"/>.</summary>
    public string SourceKey { get; private set; }

    /// <summary>The workflow's entry policy, checked when the share runs (as the one-statement enrolment checks it).</summary>
    public EntryPolicy Policy { get; private set; }

    /// <summary>For <see cref="EntryPolicy.OncePerPeriod"/>: journeys entered after this keep a contact out.</summary>
    public DateTime? PeriodStart { get; private set; }

    /// <summary>The contacts' ids as a JSON array (<c>[1,2,3]</c>): both SQLite's <c>json_each</c> and PostgreSQL read it.</summary>
    public string ContactIds { get; private set; }

    /// <summary>How many contacts <see cref="ContactIds"/> holds, so counting queued contacts never parses the list.</summary>
    public int Count { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
