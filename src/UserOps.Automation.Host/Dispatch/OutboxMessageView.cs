using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Dispatch;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Core.Outbox;
using UserOps.Automation.Infrastructure.Messaging.Templates;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Dispatch;

/// <summary>One outbox message as the contact saw it (or would have): the captured copy and the copy rendered again.</summary>
internal static class OutboxMessageView
{
    public static async Task<(CapturedCopy? Captured, RenderedMessage? Rendered, string? RenderedFrom)> LoadAsync(
        OutboxMessage row, Contact? contact, AutomationDb db, ITemplateRenderer renderer, CancellationToken cancellationToken)
    {
        CapturedCopy? captured = null;
        if (row.ProviderMessageId is { } providerId && providerId.StartsWith("capture-", StringComparison.Ordinal))
        {
            var c = await db.CapturedMessages.AsNoTracking().FirstOrDefaultAsync(m => m.ProviderMessageId == providerId, cancellationToken);
            captured = c is null ? null : new CapturedCopy(c.Channel, c.Recipient, c.Subject, c.Body, c.Html, ParseExtra(c.ExtraJson), c.TemplateKey, c.TemplateVersion, c.Locale, c.CapturedAt);
        }

        if (contact is null)
        {
            return (captured, null, null);
        }

        // The version the dispatcher rendered is kept on the row; a message suppressed before rendering never had one,
        // so the current variant for the contact's locale shows what it would have said.
        var (version, from) = row.TemplateVersionId is { } versionId
            ? (await db.MessageTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, cancellationToken), "sent-version")
            : (await CurrentVersionAsync(row.TemplateKey, contact.Locale, db, cancellationToken), "current-template");
        if (version is null)
        {
            return (captured, null, null);
        }

        try
        {
            // The unsubscribe link is signed per send and not stored; the copy shows a placeholder where it goes.
            return (captured, renderer.Render(version, MessageContexts.From(contact, row, "#unsubscribe")), from);
        }
        catch (TemplateSyntaxException)
        {
            return (captured, null, null);
        }
    }

    private static async Task<TemplateVersion?> CurrentVersionAsync(string key, string? locale, AutomationDb db, CancellationToken cancellationToken)
    {
        var variants = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == key).ToListAsync(cancellationToken);
        var variant = TemplateLocales.Pick(variants, locale, t => t.Locale, t => t.IsDefaultLocale);
        return variant is null
            ? null
            : await db.MessageTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.TemplateId == variant.Id && v.Version == variant.Version, cancellationToken);
    }

    private static JsonObject? ParseExtra(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
