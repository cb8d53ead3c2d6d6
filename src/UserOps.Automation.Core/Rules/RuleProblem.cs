namespace UserOps.Automation.Core.Rules;

/// <summary>One thing wrong with a rule file, said as <c>file: rule: message</c>.</summary>
public sealed record RuleProblem(string File, string? Rule, string Message)
{
    public override string ToString() => Rule is null ? $"{File}: {Message}" : $"{File}: {Rule}: {Message}";
}
