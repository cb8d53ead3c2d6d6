using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// One saved version of a template variant, never changed after it is written. A send records the
/// version id it rendered, so the copy a contact received can always be shown later.
/// </summary>
public sealed record TemplateVersion(string Key, Channel Channel, string Locale, int Version, TemplateContent Content, DateTime CreatedAt)
{
    public long Id { get; init; }
    public long TemplateId { get; init; }
}
