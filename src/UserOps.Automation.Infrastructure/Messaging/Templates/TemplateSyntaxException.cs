using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Infrastructure.Messaging.Templates;

/// <summary>A stored template that does not parse; saving validates, so this means the store was edited by hand.</summary>
public sealed class TemplateSyntaxException(string key, int version, IReadOnlyList<TemplateProblem> problems)
    : Exception($"Template {key} v{version} does not parse: {string.Join("; ", problems)}")
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;
}
