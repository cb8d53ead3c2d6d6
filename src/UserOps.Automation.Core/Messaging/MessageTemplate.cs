using UserOps.Automation.Core.Contacts;

namespace UserOps.Automation.Core.Messaging;

/// <summary>
/// Operator-managed copy for one template key, channel and locale. A key has one variant per locale and
/// exactly one of them is the default locale, used when a contact's locale has no variant of its own.
/// Every save makes a new immutable <see cref="TemplateVersion"/>; this row always holds the latest.
/// </summary>
public sealed class MessageTemplate
{
    private MessageTemplate()
    {
        Key = string.Empty;
        Locale = string.Empty;
        Content = new TemplateContent();
    }

    public MessageTemplate(string key, Channel channel, string locale, bool isDefaultLocale, TemplateContent content, DateTime createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(locale);
        ArgumentNullException.ThrowIfNull(content);
        Key = key;
        Channel = channel;
        Locale = locale;
        IsDefaultLocale = isDefaultLocale;
        Content = content;
        Version = 1;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public long Id { get; private set; }

    /// <summary>Stable name a workflow's send step refers to, e.g. <c>recall-email-30d</c>.</summary>
    public string Key { get; private set; }

    public Channel Channel { get; private set; }

    /// <summary>BCP 47 tag of this variant, e.g. <c>en</c> or <c>zh-CN</c>.</summary>
    public string Locale { get; private set; }

    public bool IsDefaultLocale { get; set; }

    /// <summary>Number of the latest version; 1 for a new template.</summary>
    public int Version { get; private set; }

    public TemplateContent Content { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>The immutable record of the current content, to be stored beside the template.</summary>
    public TemplateVersion Snapshot() => new(Key, Channel, Locale, Version, Content, UpdatedAt) { TemplateId = Id };

    /// <summary>Replaces the copy and bumps the version; the caller stores the returned snapshot.</summary>
    public TemplateVersion Update(TemplateContent content, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        Version++;
        UpdatedAt = at;
        return Snapshot();
    }
}
