using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UserOps.Automation.Core.Access;
using UserOps.Automation.Core.Audit;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;
using UserOps.Automation.Host.Access;
using UserOps.Automation.Host.Hosting;
using UserOps.Automation.Host.Segments;
using UserOps.Automation.Infrastructure.Audit;
using UserOps.Automation.Infrastructure.Persistence;

namespace UserOps.Automation.Host.Templates;

/// <summary>Operator-managed templates: one row per key and locale, a new immutable version on every save.</summary>
internal static class TemplateEndpoints
{
    public static void MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization(AutomationHost.WritePolicy);
        group.MapGet("/", ListAsync);
        group.MapGet("/{key}/{locale}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{key}/{locale}", UpdateAsync);
        group.MapDelete("/{key}/{locale}", DeleteAsync);
        group.MapPost("/validate", ValidateAsync).RequireRole(AccessRole.Viewer);
        group.MapPost("/preview", TemplatePreview.PreviewDraftAsync).RequireRole(AccessRole.Viewer);
        group.MapPost("/{key}/{locale}/preview", TemplatePreview.PreviewAsync).RequireRole(AccessRole.Viewer);
        group.MapPost("/{key}/{locale}/test-send", TemplatePreview.TestSendAsync).RequireRole(AccessRole.Publisher);
    }

    private static async Task<Ok<List<TemplateSummary>>> ListAsync(AutomationDb db, CancellationToken cancellationToken, string? key = null, Channel? channel = null)
    {
        var query = db.MessageTemplates.AsNoTracking();
        query = key is null ? query : query.Where(t => t.Key == key);
        query = channel is null ? query : query.Where(t => t.Channel == channel);
        var templates = await query.OrderBy(t => t.Key).ThenBy(t => t.Locale).ToListAsync(cancellationToken);
        return TypedResults.Ok(templates.Select(TemplateSummary.From).ToList());
    }

    private static async Task<Results<Ok<TemplateDetail>, NotFound<ProblemDetailsBody>>> GetAsync(string key, string locale, AutomationDb db, CancellationToken cancellationToken)
    {
        var template = await FindAsync(db, key, locale, cancellationToken);
        if (template is null)
        {
            return NotFound(key, locale);
        }

        var versions = await db.MessageTemplateVersions.AsNoTracking().Where(v => v.TemplateId == template.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        var (keyLocales, catalogLocales) = await LocalesAsync(db, key, cancellationToken);
        return TypedResults.Ok(new TemplateDetail(TemplateSummary.From(template), versions, TemplateLocales.Missing(catalogLocales, keyLocales)));
    }

    private static async Task<Results<Created<TemplateSaved>, ValidationProblem, Conflict<ProblemDetailsBody>>> CreateAsync(
        TemplateRequest request, AutomationDb db, ITemplateValidator validator, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = request.Check();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await FindAsync(db, request.Key!, request.Locale!, cancellationToken) is not null)
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Template exists", $"Template '{request.Key}' already has a '{request.Locale}' variant; PUT to make a new version.", 409));
        }

        var siblings = await db.MessageTemplates.Where(t => t.Key == request.Key).ToListAsync(cancellationToken);
        if (siblings.FirstOrDefault(s => s.Channel != request.Channel) is { } other)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["channel"] = [$"Template '{request.Key}' is a {other.Channel} template; every locale of a key uses one channel."] });
        }

        var template = new MessageTemplate(request.Key!, request.Channel!.Value, request.Locale!, request.IsDefaultLocale || siblings.Count == 0, request.Content!, time.GetUtcNow().UtcDateTime);
        var (keyLocales, catalogLocales) = await LocalesAsync(db, template.Key, cancellationToken);
        var validation = validator.Validate(template, keyLocales, catalogLocales);
        if (!validation.IsValid)
        {
            return Invalid(validation);
        }

        if (template.IsDefaultLocale)
        {
            siblings.ForEach(s => s.IsDefaultLocale = false);
        }

        // Two saves (the version needs the template's id) in one transaction, with the audit entry.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        db.MessageTemplateVersions.Add(template.Snapshot());
        audit.Record(AuditEntities.Template, AuditId(template), AuditActions.Create, null, TemplateSummary.From(template));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/templates/{template.Key}/{template.Locale}", new TemplateSaved(TemplateSummary.From(template), validation));
    }

    private static async Task<Results<Ok<TemplateSaved>, ValidationProblem, NotFound<ProblemDetailsBody>>> UpdateAsync(
        string key, string locale, TemplateRequest request, AutomationDb db, ITemplateValidator validator, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var template = await FindAsync(db, key, locale, cancellationToken, tracked: true);
        if (template is null)
        {
            return NotFound(key, locale);
        }

        if (request.Content is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["content"] = ["content is required."] });
        }

        var before = TemplateSummary.From(template);
        var version = template.Update(request.Content, time.GetUtcNow().UtcDateTime);
        var (keyLocales, catalogLocales) = await LocalesAsync(db, key, cancellationToken);
        var validation = validator.Validate(template, keyLocales, catalogLocales);
        if (!validation.IsValid)
        {
            return Invalid(validation);
        }

        if (request.IsDefaultLocale && !template.IsDefaultLocale)
        {
            await db.MessageTemplates.Where(t => t.Key == key).ForEachAsync(t => t.IsDefaultLocale = false, cancellationToken);
            template.IsDefaultLocale = true;
        }

        db.MessageTemplateVersions.Add(version);
        audit.Record(AuditEntities.Template, AuditId(template), AuditActions.Update, before, TemplateSummary.From(template));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new TemplateSaved(TemplateSummary.From(template), validation));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> DeleteAsync(
        string key, string locale, AutomationDb db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var template = await FindAsync(db, key, locale, cancellationToken, tracked: true);
        if (template is null)
        {
            return NotFound(key, locale);
        }

        // Versions stay (their template id is cleared) so past sends can still show the copy they used.
        db.MessageTemplates.Remove(template);
        audit.Record(AuditEntities.Template, AuditId(template), AuditActions.Delete, TemplateSummary.From(template), null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TemplateValidation>, ValidationProblem>> ValidateAsync(
        TemplateRequest request, AutomationDb db, ITemplateValidator validator, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = request.Check();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var template = new MessageTemplate(request.Key!, request.Channel!.Value, request.Locale!, request.IsDefaultLocale, request.Content!, time.GetUtcNow().UtcDateTime);
        var (keyLocales, catalogLocales) = await LocalesAsync(db, template.Key, cancellationToken);
        return TypedResults.Ok(validator.Validate(template, keyLocales, catalogLocales));
    }

    private static string AuditId(MessageTemplate template) => $"{template.Key}/{template.Locale}";

    internal static Task<MessageTemplate?> FindAsync(AutomationDb db, string key, string locale, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.MessageTemplates : db.MessageTemplates.AsNoTracking();
        return query.SingleOrDefaultAsync(t => t.Key == key && t.Locale == locale, cancellationToken);
    }

    private static async Task<(List<string> KeyLocales, List<string> CatalogLocales)> LocalesAsync(AutomationDb db, string key, CancellationToken cancellationToken)
    {
        var all = await db.MessageTemplates.AsNoTracking().Select(t => new { t.Key, t.Locale }).ToListAsync(cancellationToken);
        return (all.Where(t => t.Key == key).Select(t => t.Locale).ToList(), all.Select(t => t.Locale).Distinct().ToList());
    }

    /// <summary>Problems become RFC 7807 errors keyed by field, with line and column in the message.</summary>
    private static ValidationProblem Invalid(TemplateValidation validation) => TemplateProblemResults.Invalid([.. validation.Problems]);

    internal static NotFound<ProblemDetailsBody> NotFound(string key, string locale) =>
        TypedResults.NotFound(new ProblemDetailsBody("Template not found", $"No template '{key}' with locale '{locale}'.", 404));
}
