using Microsoft.AspNetCore.Http.HttpResults;
using UserOps.Automation.Core.Messaging;

namespace UserOps.Automation.Host.Templates;

/// <summary>Template problems as RFC 7807: errors keyed by field for people, and the same problems structured for editors.</summary>
internal static class TemplateProblemResults
{
    /// <summary>
    /// The <c>problems</c> extension carries field, message, line and column as separate members, so the console can put a
    /// diagnostic at the right place in its editor without parsing the human text of <c>errors</c>.
    /// </summary>
    public static ValidationProblem Invalid(IReadOnlyCollection<TemplateProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray()),
            extensions: new Dictionary<string, object?> { ["problems"] = problems });
}
