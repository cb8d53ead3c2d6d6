using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// Save-time checks: Liquid syntax (with line and column), references to fields the sandbox does not expose,
/// unknown filters, forbidden tags, required fields per channel, SMS length and segments, missing locales.
/// </summary>
internal sealed class FluidTemplateValidator(TemplateSandbox sandbox, ITemplateRenderer renderer, TimeProvider time) : ITemplateValidator
{
    /// <summary>Twilio refuses bodies over 1,600 characters; ten segments is already a costly message.</summary>
    public const int MaxSmsSegments = 10;

    public TemplateValidation Validate(MessageTemplate template, IReadOnlyCollection<string> keyLocales, IReadOnlyCollection<string> catalogLocales)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<TemplateProblem>();
        var notes = new List<string>();
        RequireFields(template, problems);

        var version = template.Snapshot() with { Id = 0 };
        var parsed = ParsedTemplate.Parse(sandbox.Parser, version, problems);
        var sources = ParsedTemplate.FieldsOf(template.Channel, template.Content).ToDictionary(f => f.Field, f => f.Source);
        foreach (var (field, fluid) in parsed.Templates)
        {
            var visitor = new TemplateReferenceVisitor();
            visitor.Walk(fluid);
            var source = sources.GetValueOrDefault(field) ?? template.Content.DataJson ?? string.Empty;
            foreach (var path in visitor.Paths.Where(p => p[0] is null || !visitor.Locals.Contains(p[0]!)))
            {
                if (TemplateFields.Root.Unknown(path) is { } unknown)
                {
                    var (line, column) = PositionOf(source, unknown);
                    problems.Add(new TemplateProblem(field, $"Unknown field '{unknown}'. Known fields: {string.Join(", ", TemplateFields.Root.Names())}.", line, column));
                }
            }

            foreach (var filter in visitor.Filters.Where(f => !sandbox.Options.Filters.TryGetValue(f, out _)))
            {
                var (line, column) = PositionOf(source, filter);
                problems.Add(new TemplateProblem(field, $"Unknown filter '{filter}'.", line, column));
            }
        }

        SmsSegmentInfo? sms = null;
        if (problems.Count == 0 && template.Channel == Channel.Sms)
        {
            var rendered = (RenderedSms)renderer.Render(version, SampleContext.Create(template.Locale, time.GetUtcNow().UtcDateTime));
            sms = rendered.Segments;
            var encoding = sms.Encoding == SmsEncoding.Ucs2 ? "UCS-2" : "GSM-7"; // as the console's counter names them
            notes.Add($"SMS with the sample contact: {sms.Characters} characters, {encoding}, {sms.Segments} {(sms.Segments == 1 ? "segment" : "segments")}.");
            if (sms.Segments > MaxSmsSegments)
            {
                problems.Add(new TemplateProblem("smsBody", $"The SMS renders to {sms.Segments} segments; at most {MaxSmsSegments} are allowed."));
            }
        }

        var missing = TemplateLocales.Missing(catalogLocales, keyLocales.Append(template.Locale));
        if (missing.Count > 0)
        {
            notes.Add($"Template '{template.Key}' has no variant for: {string.Join(", ", missing)} (contacts with those locales get the default).");
        }

        return new TemplateValidation(problems, notes) { Sms = sms, MissingLocales = missing };
    }

    private static void RequireFields(MessageTemplate template, List<TemplateProblem> problems)
    {
        var c = template.Content;
        void Require(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new TemplateProblem(field, $"A {template.Channel} template needs {field}."));
            }
        }

        switch (template.Channel)
        {
            case Channel.Email:
                Require("subject", c.Subject);
                if (string.IsNullOrWhiteSpace(c.Html) && string.IsNullOrWhiteSpace(c.Text))
                {
                    problems.Add(new TemplateProblem("html", "An email template needs an HTML or a text body."));
                }

                break;
            case Channel.Sms:
                Require("smsBody", c.SmsBody);
                break;
            case Channel.Push:
                Require("pushTitle", c.PushTitle);
                Require("pushBody", c.PushBody);
                break;
        }
    }

    /// <summary>Where the text first appears; AST nodes carry no positions, so this is the operator's best pointer.</summary>
    private static (int? Line, int? Column) PositionOf(string source, string text)
    {
        var lastSegment = text.Split('.')[^1];
        var index = source.IndexOf(text, StringComparison.Ordinal);
        if (index < 0)
        {
            index = source.IndexOf(lastSegment, StringComparison.Ordinal);
        }

        if (index < 0)
        {
            return (null, null);
        }

        var lineStart = index == 0 ? -1 : source.LastIndexOf('\n', index - 1);
        return (1 + source.AsSpan(0, index).Count('\n'), index - lineStart);
    }
}
