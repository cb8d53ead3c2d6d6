namespace UserOps.Automation.Core.Workflows;

public enum WorkflowVersionStatus
{
    Draft,
    Published,
    Retired,
}

/// <summary>
/// One version of a workflow as stored: draft → published → retired. A published version is never edited:
/// journeys that started on it finish on it, whatever is published after.
/// </summary>
public sealed class WorkflowVersion
{
    private WorkflowVersion()
    {
        DefinitionId = string.Empty;
        Name = string.Empty;
        Json = string.Empty;
    }

    public WorkflowVersion(WorkflowDefinition definition, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        DefinitionId = definition.DefinitionId;
        Version = definition.Version;
        Name = definition.Name;
        Json = WorkflowJson.Write(definition with { IsPublished = false, IsLatest = true });
        CreatedAt = now;
        UpdatedAt = now;
        Status = WorkflowVersionStatus.Draft;
    }

    public long Id { get; private set; }
    public string DefinitionId { get; private set; }
    public int Version { get; private set; }
    public string Name { get; private set; }
    public WorkflowVersionStatus Status { get; private set; }

    /// <summary>The definition as JSON (the same form as a file in <c>workflows/</c>).</summary>
    public string Json { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime? RetiredAt { get; private set; }

    /// <summary>Segment-entered triggers enrol stays that began after this instant; it moves forward as they are enrolled.</summary>
    public DateTime? EnrolledThrough { get; private set; }

    public WorkflowDefinition Definition =>
        WorkflowJson.Parse(Json) with { IsPublished = Status == WorkflowVersionStatus.Published };

    public void UpdateDraft(WorkflowDefinition definition, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Status != WorkflowVersionStatus.Draft)
        {
            throw new InvalidOperationException($"Version {Version} of '{DefinitionId}' is {Status}; only a draft can be edited.");
        }

        Name = definition.Name;
        Json = WorkflowJson.Write(definition with { DefinitionId = DefinitionId, Version = Version, IsPublished = false });
        UpdatedAt = now;
    }

    public void Publish(DateTime now)
    {
        if (Status != WorkflowVersionStatus.Draft)
        {
            throw new InvalidOperationException($"Version {Version} of '{DefinitionId}' is {Status}; only a draft can be published.");
        }

        Status = WorkflowVersionStatus.Published;
        PublishedAt = now;
        EnrolledThrough = now;
        UpdatedAt = now;
    }

    public void Retire(DateTime now)
    {
        if (Status == WorkflowVersionStatus.Published)
        {
            Status = WorkflowVersionStatus.Retired;
            RetiredAt = now;
            UpdatedAt = now;
        }
    }

    public void Enrolled(DateTime through) => EnrolledThrough = through;
}
