using UserOps.Automation.Core.Rules;

namespace UserOps.Automation.Core.Workflows;

/// <summary>
/// What a workflow may refer to, for validation. A null set means "not checked here" (e.g. templates before
/// the template store is loaded); <see cref="CronError"/> comes from the scheduler, which owns cron syntax.
/// </summary>
public sealed record WorkflowReferences(
    RuleCatalog Rules,
    IReadOnlySet<string>? Segments = null,
    IReadOnlySet<string>? Templates = null,
    Func<string, string?>? CronError = null);
