namespace UserOps.Automation.Core.Messaging;

/// <summary>Where the dispatcher finds the copy to send: the variant for a contact's locale, else the default.</summary>
public interface ITemplateStore
{
    /// <summary>The latest version of <paramref name="key"/> for <paramref name="locale"/> (with fallback), or null if the key is unknown.</summary>
    Task<TemplateVersion?> ResolveAsync(string key, string? locale, CancellationToken cancellationToken);

    /// <summary>One stored version by id (the one a send recorded).</summary>
    Task<TemplateVersion?> FindVersionAsync(long versionId, CancellationToken cancellationToken);
}
