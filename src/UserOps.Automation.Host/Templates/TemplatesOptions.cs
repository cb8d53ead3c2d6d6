namespace UserOps.Automation.Host.Templates;

/// <summary>Where the shipped message templates live.</summary>
public sealed class TemplatesOptions
{
    public const string SectionName = "Templates";

    /// <summary>Folder of template files, stored on start per key and locale when absent (operators' edits win); looked for upwards like <c>rules/</c>.</summary>
    public string Folder { get; set; } = "workflows/templates";
}
