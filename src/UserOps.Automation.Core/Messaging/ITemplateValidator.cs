namespace UserOps.Automation.Core.Messaging;

/// <summary>Checks a template variant before it is saved: syntax, unknown fields, SMS length.</summary>
public interface ITemplateValidator
{
    /// <param name="keyLocales">Locales the other variants of the same key already have.</param>
    /// <param name="catalogLocales">Locales used anywhere in the template catalogue; the ones this key lacks are reported.</param>
    TemplateValidation Validate(MessageTemplate template, IReadOnlyCollection<string> keyLocales, IReadOnlyCollection<string> catalogLocales);
}

/// <summary>The outcome of a validation: problems block a save, notes (segment counts, missing locales) inform.</summary>
public sealed record TemplateValidation(IReadOnlyList<TemplateProblem> Problems, IReadOnlyList<string> Notes)
{
    public bool IsValid => Problems.Count == 0;

    public SmsSegmentInfo? Sms { get; init; }

    /// <summary>Locales other variants of the same key have and this key lacks.</summary>
    public IReadOnlyList<string> MissingLocales { get; init; } = [];
}

/// <summary>One problem in one field of a template; line and column are 1-based when known.</summary>
public sealed record TemplateProblem(string Field, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() => Line is null ? $"{Field}: {Message}" : $"{Field} ({Line}:{Column}): {Message}";
}
