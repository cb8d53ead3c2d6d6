namespace UserOps.Automation.Core.Rules;

/// <summary>Thrown when rules fail to load; carries every problem found, not only the first.</summary>
public sealed class RuleValidationException : Exception
{
    public RuleValidationException(IReadOnlyList<RuleProblem> problems)
        : base("Invalid rules:" + Environment.NewLine + string.Join(Environment.NewLine, problems ?? []))
    {
        Problems = problems ?? [];
    }

    public RuleValidationException()
        : this([])
    {
    }

    public RuleValidationException(string message)
        : base(message)
    {
        Problems = [new RuleProblem("(rule)", null, message)];
    }

    public RuleValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new RuleProblem("(rule)", null, message)];
    }

    public IReadOnlyList<RuleProblem> Problems { get; } = [];
}
