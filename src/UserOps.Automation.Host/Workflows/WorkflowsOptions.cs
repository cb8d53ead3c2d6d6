namespace UserOps.Automation.Host.Workflows;

/// <summary>Where the shipped workflow definitions live.</summary>
public sealed class WorkflowsOptions
{
    public const string SectionName = "Workflows";

    /// <summary>Folder of <c>*.json</c> workflow definitions (templates in its <c>templates/</c> subfolder); looked for upwards like <c>rules/</c>.</summary>
    public string Folder { get; set; } = "workflows";

    /// <summary>Import the folder's workflows on start when the database has none of that id, publishing those marked <c>isPublished</c>.</summary>
    public bool ImportOnStart { get; set; } = true;
}
