using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// One saved version of a template variant, never changed after it is written. A send records the
/// version id it rendered, so the copy a contact received can always be shown later.
/// </summary>
public sealed record TemplateVersion(string Key, Channel Channel, string Locale, int Version, TemplateContent Content, DateTime CreatedAt)
{
    // For EF: the positional constructor cannot bind the complex Content property.
    private TemplateVersion()
        : this(string.Empty, default, string.Empty, 0, new TemplateContent(), default)
    {
    }

    public long Id { get; init; }

    /// <summary>The template row this version belongs to; null once that template is deleted.</summary>
    public long? TemplateId { get; init; }
}
