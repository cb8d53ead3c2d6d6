using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Templates;

/// <summary>Stores the templates of <c>workflows/templates/</c> on start, each key and locale only if absent (operators' edits win).</summary>
internal sealed class ShippedTemplateSeeder(AutomationDb db, IOptions<TemplatesOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<ShippedTemplateSeeder> logger) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var folder = RepositoryPaths.Resolve(options.Value.Folder, environment.ContentRootPath);
        var existing = (await db.MessageTemplates.Select(t => new { t.Key, t.Locale }).ToListAsync(cancellationToken))
            .Select(t => (t.Key, t.Locale.ToUpperInvariant())).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<Core.Messaging.MessageTemplate>();
        foreach (var (_, file) in TemplateFile.LoadFolder(folder))
        {
            added.AddRange(file.ToTemplates(now).Where(t => !existing.Contains((t.Key, t.Locale.ToUpperInvariant()))));
        }

        if (added.Count == 0)
        {
            return;
        }

        db.MessageTemplates.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        db.MessageTemplateVersions.AddRange(added.Select(t => t.Snapshot()));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} template variants from {Folder}", added.Count, folder);
    }
}
