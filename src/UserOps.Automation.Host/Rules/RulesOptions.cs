namespace UserOps.Automation.Host.Rules;

/// <summary>Where the operator's RulesEngine rule sets live.</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Rules";

    /// <summary>Folder of <c>*.json</c> rule sets; relative paths are looked for upwards from the working directory.</summary>
    public string Folder { get; set; } = "rules";
}
