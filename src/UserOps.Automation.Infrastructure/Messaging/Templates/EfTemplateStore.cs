using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>Finds the variant for a locale and hands back its latest stored version.</summary>
internal sealed class EfTemplateStore(AutomationDb db) : ITemplateStore
{
    public async Task<TemplateVersion?> ResolveAsync(string key, string? locale, CancellationToken cancellationToken)
    {
        var variants = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key)
            .Select(t => new { t.Id, t.Locale, t.IsDefaultLocale, t.Version }).ToListAsync(cancellationToken);
        var picked = TemplateLocales.Pick(variants, locale, v => v.Locale, v => v.IsDefaultLocale);
        return picked is null
            ? null
            : await db.MessageTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.TemplateId == picked.Id && v.Version == picked.Version, cancellationToken);
    }

    public Task<TemplateVersion?> FindVersionAsync(long versionId, CancellationToken cancellationToken) =>
        db.MessageTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken);
}
