using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluid;
using UserOps.Automation.Core.Contacts;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>The parsed Liquid of one template version, ready to render many times.</summary>
internal sealed partial class ParsedTemplate
{
    private static readonly IFluidTemplate Empty = new FluidParser().Parse(string.Empty);

    private readonly TemplateVersion _version;
    private readonly Dictionary<string, IFluidTemplate> _fields;
    private readonly Dictionary<string, string> _literals;
    private readonly KeyValuePair<string, IFluidTemplate>[] _data;

    private ParsedTemplate(TemplateVersion version, Dictionary<string, IFluidTemplate> fields, Dictionary<string, string> literals, KeyValuePair<string, IFluidTemplate>[] data)
    {
        _version = version;
        _fields = fields;
        _literals = literals;
        _data = data;
    }

    /// <summary>The Liquid source of each field the channel uses, by field name as the API shows it.</summary>
    public static IEnumerable<(string Field, string Source)> FieldsOf(Channel channel, TemplateContent content) => channel switch
    {
        Channel.Email => [("subject", content.Subject ?? ""), ("html", content.Html ?? ""), ("text", content.Text ?? ""), ("fromName", content.FromName ?? "")],
        Channel.Sms => [("smsBody", content.SmsBody ?? "")],
        Channel.Push => [("pushTitle", content.PushTitle ?? ""), ("pushBody", content.PushBody ?? ""), ("deepLink", content.DeepLink ?? "")],
        _ => [],
    };

    /// <summary>Parses every field; collects every syntax error with its line and column instead of stopping at the first.</summary>
    public static ParsedTemplate Parse(FluidParser parser, TemplateVersion version, List<TemplateProblem> problems)
    {
        var fields = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        var literals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, source) in FieldsOf(version.Channel, version.Content))
        {
            fields[field] = ParseField(parser, field, source, problems);

            // A field without tags or outputs (a sender's name, often) renders as itself: no render needed per message.
            if (!source.Contains('{', StringComparison.Ordinal))
            {
                literals[field] = source;
            }
        }

        var data = new List<KeyValuePair<string, IFluidTemplate>>();
        if (version.Channel == Channel.Push && !string.IsNullOrWhiteSpace(version.Content.DataJson))
        {
            foreach (var (key, source) in DataEntries(version.Content.DataJson, problems))
            {
                data.Add(new(key, ParseField(parser, "data." + key, source, problems)));
            }
        }

        return new ParsedTemplate(version, fields, literals, [.. data]);
    }

    public IEnumerable<(string Field, IFluidTemplate Template)> Templates =>
        _fields.Select(f => (f.Key, f.Value)).Concat(_data.Select(d => ("data." + d.Key, d.Value)));

    public RenderedMessage Render(TemplateContext context)
    {
        var v = _version;
        return v.Channel switch
        {
            Channel.Email => new RenderedEmail(v.Key, v.Version, v.Locale,
                Text("subject", context), Html("html", context), Text("text", context), NullIfEmpty(Text("fromName", context))),
            Channel.Sms => new RenderedSms(v.Key, v.Version, v.Locale, Text("smsBody", context)),
            Channel.Push => new RenderedPush(v.Key, v.Version, v.Locale, Text("pushTitle", context), Text("pushBody", context),
                NullIfEmpty(Text("deepLink", context)), RenderData(context)),
            _ => throw new InvalidOperationException($"Channel {v.Channel} has no renderer."),
        };
    }

    private Dictionary<string, string> RenderData(TemplateContext context)
    {
        var data = new Dictionary<string, string>(_data.Length, StringComparer.Ordinal);
        foreach (var (key, template) in _data)
        {
            data[key] = template.Render(context, NullEncoder.Default);
        }

        return data;
    }

    private string Text(string field, TemplateContext context) =>
        _literals.TryGetValue(field, out var literal) ? literal : Field(field).Render(context, NullEncoder.Default);

    private string Html(string field, TemplateContext context) =>
        _literals.TryGetValue(field, out var literal) ? literal : Field(field).Render(context, HtmlEncoder.Default);

    private IFluidTemplate Field(string field) => _fields.GetValueOrDefault(field) ?? Empty;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static IFluidTemplate ParseField(FluidParser parser, string field, string source, List<TemplateProblem> problems)
    {
        if (parser.TryParse(source, out var template, out var error))
        {
            // A message template is self-contained: no files, no macros, whatever the file provider would allow.
            var visitor = new TemplateReferenceVisitor();
            visitor.Walk(template);
            foreach (var tag in visitor.Forbidden)
            {
                problems.Add(new TemplateProblem(field, $"The '{tag}' tag is not allowed in message templates."));
            }

            return template;
        }

        // Fluid reports "message at (line:col)" followed by the source line.
        var firstLine = error.Split('\n')[0].Trim();
        var match = PositionPattern().Match(firstLine);
        problems.Add(match.Success
            ? new TemplateProblem(field, firstLine[..match.Index].Trim(), int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            : new TemplateProblem(field, firstLine));
        return Empty;
    }

    private static List<(string Key, string Source)> DataEntries(string json, List<TemplateProblem> problems)
    {
        var entries = new List<(string, string)>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new TemplateProblem("dataJson", "Push data must be a JSON object of strings."));
                return entries;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    problems.Add(new TemplateProblem("dataJson", $"Push data value '{property.Name}' must be a string (FCM data is a string map)."));
                    continue;
                }

                entries.Add((property.Name, property.Value.GetString()!));
            }
        }
        catch (JsonException ex)
        {
            problems.Add(new TemplateProblem("dataJson", ex.Message, (int?)ex.LineNumber + 1, (int?)ex.BytePositionInLine + 1));
        }

        return entries;
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)\s*$")]
    private static partial Regex PositionPattern();
}
