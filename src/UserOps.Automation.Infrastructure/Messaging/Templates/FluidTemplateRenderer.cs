using System.Collections.Concurrent;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>
/// Renders with Fluid. A stored version is parsed once and cached by its id (versions never change); an
/// unsaved one (preview, validation) is parsed for the call.
/// </summary>
internal sealed class FluidTemplateRenderer(TemplateSandbox sandbox) : ITemplateRenderer
{
    private readonly ConcurrentDictionary<long, ParsedTemplate> _parsed = new();

    public RenderedMessage Render(TemplateVersion template, MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parsed = template.Id == 0 ? Parse(template) : _parsed.GetOrAdd(template.Id, (_, t) => Parse(t), template);
        return parsed.Render(sandbox.CreateContext(context));
    }

    private ParsedTemplate Parse(TemplateVersion template)
    {
        var problems = new List<TemplateProblem>();
        var parsed = ParsedTemplate.Parse(sandbox.Parser, template, problems);
        return problems.Count == 0 ? parsed : throw new TemplateSyntaxException(template.Key, template.Version, problems);
    }
}
